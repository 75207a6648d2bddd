import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres";

export const DEV_DATA_DIR = path.join(process.cwd(), ".data", "pg");

function isRunning(dir: string): boolean {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return false;
  try {
    process.kill(Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]), 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database the CLI tools work on: DATABASE_URL when set, otherwise the
 * embedded development PostgreSQL in .data/pg (started here unless `npm run dev`
 * already runs it).
 */
export async function resolveDatabaseUrl(): Promise<EmbeddedDb> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/switchboard`;
  if (isRunning(DEV_DATA_DIR)) return { url, stop: async () => {} };
  return startEmbeddedPostgres({ dir: DEV_DATA_DIR, port, database: "switchboard" });
}
