import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { createPool } from "@/server/db-pool";
import { PrismaClient } from "@/server/generated/prisma/client";

/**
 * A Prisma client on the test database that behaves like a loaded host: a
 * small pool, and every statement delayed by `delayMs`. Contention tests use
 * it to show that a burst queues and answers instead of starving the pool.
 */
export function slowDb(opts: { poolSize: number; delayMs: number }): PrismaClient {
  const pool = createPool(process.env.DATABASE_URL!, opts.poolSize);
  pool.on("connect", (client: pg.PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      // Only promise-style calls are delayed; callback-style ones (pg internals) run as they are.
      if (typeof args[args.length - 1] === "function") return query(...args);
      return new Promise((resolve) => setTimeout(resolve, opts.delayMs)).then(() => query(...args));
    };
  });
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
