// npm run bench:sign-in
// Drives the real next-auth route (in-process, on a throwaway embedded
// PostgreSQL) the way the hardening probe did, and prints the figures for the
// issue note: password checks run by 50 parallel wrong passwords against the
// lock-out limit, and the median answer time of magic-link requests for a
// known and an unknown address. Asserts nothing. The measuring part
// (sign-in-pressure-run.ts) is loaded through Vite's SSR loader, as Vitest
// loads tests, because next-auth's CommonJS providers need its interop.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServer } from "vite";
import { findFreePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { migrateDeploy } from "../lib/prisma-cli";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-pg-"));
fs.chmodSync(dir, 0o777);
const database = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await findFreePort(), database: "bench", ephemeral: true, quiet: true });


try {
  migrateDeploy(database.url, true);
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL = "error";
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";
  const root = path.resolve(import.meta.dirname, "../../..");
  const vite = await createServer({ root, configFile: false, logLevel: "error", server: { middlewareMode: true, hmr: false }, appType: "custom", resolve: { alias: { "@": root } } });
  try {
    const { runSignInPressure } = (await vite.ssrLoadModule(path.join(import.meta.dirname, "sign-in-pressure-run.ts"))) as typeof import("./sign-in-pressure-run");
    await runSignInPressure(Number(process.env.BENCH_RUNS ?? 40));
  } finally {
    await vite.close();
  }
} finally {
  // The app's pool keeps idle connections; stopping PostgreSQL under them is expected here.
  process.on("uncaughtException", (error: { code?: string }) => {
    if (error.code !== "57P01") throw error;
  });
  await database.stop();
}
