import type { Db } from "@/server/db";
import { logger } from "@/server/logger";

export type HealthReport = { ok: true; database: "up"; latencyMs: number } | { ok: false; database: "down"; reason: string };

/** Checks that PostgreSQL answers within `timeoutMs`. */
export async function checkHealth(db: Db, timeoutMs = 3000): Promise<HealthReport> {
  const started = Date.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { ok: true, database: "up", latencyMs: Date.now() - started };
  } catch (error) {
    // Prisma's message quotes our source and the failing call: it goes to the log, not to whoever asked.
    logger.warn("health.database_down", { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, database: "down", reason: "database unreachable" };
  }
}
