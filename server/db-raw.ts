/**
 * One raw statement, sent straight to the pg pool under a Prisma client when
 * that pool is known. For a statement with 1,000-element array parameters
 * (a usage batch), Prisma's raw path cost about five times the process CPU
 * of pg's (16 ms against 3.4 ms a batch, measured on the embedded
 * PostgreSQL), and the app's hottest writes are exactly such statements.
 * A transaction, or a client whose pool is unknown, goes through Prisma.
 *
 * The two paths decode some types differently (pg reads `timestamp` as local
 * time and `numeric` as text), so callers select only text, integers,
 * booleans, json and arrays of those.
 */
import type pg from "pg";
import type { DbOrTx } from "./db";

const pools = new WeakMap<object, pg.Pool>();

/** Makes `rawQuery` on `client` use `pool` (the one its adapter was built on). */
export function registerRawPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

export async function rawQuery<T>(db: DbOrTx, text: string, values: unknown[]): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool) return db.$queryRawUnsafe<T[]>(text, ...values);
  return (await pool.query(text, values)).rows as T[];
}
