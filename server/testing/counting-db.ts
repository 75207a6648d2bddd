import { PrismaPg } from "@prisma/adapter-pg";
import { createPool } from "@/server/db-pool";
import { registerRawPool } from "@/server/db-raw";
import { PrismaClient } from "@/server/generated/prisma/client";

/**
 * A Prisma client on the test database that records the text of every
 * statement it sends, so a test can hold a code path to a number of round
 * trips (a batch must not cost a statement per item).
 */
export function countingDb(): { db: PrismaClient; statements: string[] } {
  const statements: string[] = [];
  const pool = createPool(process.env.DATABASE_URL!, 4);
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  // The adapter sends statements outside a transaction through pool.query (transactions use a checked-out client, not counted here).
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: string };
    statements.push(typeof first === "string" ? first : (first.text ?? ""));
    return query(...args);
  };
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  // Like the app's client: raw hot-path statements go to the pool directly, and are counted there too.
  registerRawPool(client, pool);
  return { db: client, statements };
}
