import { spawnSync } from "node:child_process";
import path from "node:path";

const PRISMA_BIN = path.join(process.cwd(), "node_modules", ".bin", "prisma");

/**
 * Runs the Prisma CLI on its JS engine. Pointing the engine variables at any
 * existing file stops the CLI from downloading native engines (unreachable here).
 */
export function runPrisma(args: string[], databaseUrl: string, opts: { capture?: boolean } = {}): string {
  const res = spawnSync(PRISMA_BIN, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_SCHEMA_ENGINE_BINARY: path.join(process.cwd(), "package.json"),
      PRISMA_QUERY_ENGINE_LIBRARY: path.join(process.cwd(), "package.json"),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
    encoding: "utf8",
    stdio: opts.capture ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  if (res.status !== 0) {
    throw new Error(`prisma ${args[0]} failed (exit ${res.status}): ${res.stderr ?? ""}`);
  }
  return res.stdout ?? "";
}

/** Applies every pending migration in prisma/migrations. */
export function migrateDeploy(databaseUrl: string, quiet = false): void {
  runPrisma(["migrate", "deploy"], databaseUrl, { capture: quiet });
}
