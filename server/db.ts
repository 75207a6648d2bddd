import { PrismaPg } from "@prisma/adapter-pg";
import { bootEnv } from "./config-env";
import { PrismaClient } from "./generated/prisma/client";
import { createPool, readDbEnv } from "./db-pool";
import { registerRawPool } from "./db-raw";

export type Db = PrismaClient;
/** The client or an interactive transaction: domain functions accept either. */
export type DbOrTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(): PrismaClient {
  const { url, poolSize } = readDbEnv(bootEnv());
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev sets it for the embedded database)");
  const pool = createPool(url, poolSize);
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  registerRawPool(client, pool);
  return client;
}

const globalForDb = globalThis as unknown as { __switchboardDb?: PrismaClient };

/** The one Prisma client of this process (kept across hot reloads in dev). */
export const db: PrismaClient = globalForDb.__switchboardDb ?? createClient();
if (bootEnv().NODE_ENV !== "production") globalForDb.__switchboardDb = db;
