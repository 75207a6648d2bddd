// Starts everything the browser tests talk to: an ephemeral embedded
// PostgreSQL (migrated and seeded), the local fakes of external services, and
// a production build of the app. Playwright runs this as its webServer.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../../server/cli/lib/embedded-postgres";
import { migrateDeploy } from "../../server/cli/lib/prisma-cli";
import { RUNTIME_FILE, type E2ERuntime } from "./runtime";
import { startFakes } from "./start-fakes";

const port = Number(process.argv[process.argv.indexOf("--port") + 1] || 3100);
const appUrl = `http://127.0.0.1:${port}`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-pg-"));
fs.chmodSync(dir, 0o777);
const database = await startEmbeddedPostgres({
  dir: path.join(dir, "data"),
  port: await findFreePort(),
  database: "switchboard_e2e",
  ephemeral: true,
  quiet: true,
});
migrateDeploy(database.url, true);
process.env.DATABASE_URL = database.url;
// The seed queues e-mails, sealed with the same key the app will open them with.
process.env.MAIL_ENCRYPTION_KEY = "e2e-mail-encryption-key-0123456789abcdef";
const { db } = await import("../../server/db");
const { seed } = await import("../../prisma/seed");
await seed(db);
await db.$disconnect();

const fakes = await startFakes();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...fakes.env,
  NODE_ENV: "production",
  // No Inngest server can run here: after-request work runs in-process (production otherwise refuses to start without Inngest).
  BACKGROUND_JOBS: "inline",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: database.url,
  APP_URL: appUrl,
  NEXTAUTH_URL: appUrl,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-000000",
  PORT: String(port),
};
const runtime: E2ERuntime = { databaseUrl: database.url, appUrl, fakes: fakes.urls };
fs.mkdirSync(path.dirname(RUNTIME_FILE), { recursive: true });
fs.writeFileSync(RUNTIME_FILE, JSON.stringify(runtime, null, 2));

const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env });
  if (build.status !== 0) {
    console.error("next build failed");
    process.exit(1);
  }
}
const app = spawn(nextBin, ["start", "--port", String(port), "--hostname", "127.0.0.1"], { stdio: "inherit", env });

const stop = async () => {
  app.kill("SIGTERM");
  await fakes.stop();
  await database.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
app.on("exit", (code) => {
  console.error(`next start exited with ${code}`);
  void stop();
});
