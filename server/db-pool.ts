import pg from "pg";
import { z } from "zod";
import { logger } from "./logger";

/**
 * A pg.Pool whose results report PostgreSQL's catalog type `name` (oid 19) as
 * `text` (oid 25). Prisma's JS engine cannot deserialise `name` columns
 * (prisma/orm#27403), which breaks `migrate deploy` through the adapter.
 */
class CatalogSafePool extends pg.Pool {
  // pg's query() has many overloads; we only post-process promise results.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<pg.QueryResult>).then((res) => {
        for (const field of res?.fields ?? []) {
          if (field.dataTypeID === 19) field.dataTypeID = 25;
        }
        return res;
      }) as never;
    }
    return result as never;
  }
}

/** The database variables (DATABASE_URL is checked as a URL in server/config.ts). */
export const dbEnvSchema = z.object({
  /** Connections in each instance's pool; pool size × instances must stay under the server's (or PgBouncer's) limit. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
});

/** DATABASE_URL and the pool size from `env` (server/db.ts passes bootEnv(); the CLI tools their own). */
export function readDbEnv(env: Record<string, string | undefined>): { url: string | undefined; poolSize: number } {
  return { url: env.DATABASE_URL || undefined, poolSize: dbEnvSchema.parse({ DB_POOL_SIZE: env.DB_POOL_SIZE || undefined }).DB_POOL_SIZE };
}

/** Creates the one kind of pool the app and its tools use. */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new CatalogSafePool({ connectionString, max });
  // An idle connection closed by the server or PgBouncer (restart, failover,
  // idle timeout) is dropped from the pool; without a listener it would crash the process.
  pool.on("error", (error) => logger.error("db.idle_connection_lost", { error: error.message }));
  return pool;
}
