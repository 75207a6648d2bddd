// npm run dev: database (embedded unless DATABASE_URL), migrations, demo data,
// the Inngest Dev Server where it can run, and `next dev` on port 3000.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabaseUrl } from "./lib/database-url";
import { devAuthSecret } from "./lib/dev-secret";
import { migrateDeploy } from "./lib/prisma-cli";

const port = process.env.PORT ?? "3000";
const server = await resolveDatabaseUrl();
console.log(`▸ database: ${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL in .data/pg"}`);
migrateDeploy(server.url, true);
process.env.DATABASE_URL = server.url;
const { db } = await import("../db");
// The seed queues e-mails, whose bodies are sealed with a key derived from this secret outside production.
process.env.NEXTAUTH_SECRET ??= devAuthSecret();
const { seed } = await import("../../prisma/seed");
await seed(db);
await db.$disconnect();
console.log("▸ migrations applied, demo data present (README lists the sign-ins)");

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: server.url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? devAuthSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? process.env.APP_URL ?? `http://localhost:${port}`,
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  INNGEST_DEV: process.env.INNGEST_DEV ?? "1",
};

const children: ChildProcess[] = [];
const inngestBin = path.join(process.cwd(), "node_modules", "inngest-cli", "bin", "inngest");
if (fs.existsSync(inngestBin)) {
  children.push(
    spawn(inngestBin, ["dev", "-u", `http://localhost:${port}/api/inngest`, "--no-discovery"], { stdio: "ignore", env }),
  );
  console.log("▸ Inngest Dev Server: http://localhost:8288");
} else {
  console.log("▸ Inngest Dev Server is not installed here: background schedules are paused; the app works, and mail is sent inline.");
}

const next = spawn(path.join(process.cwd(), "node_modules", ".bin", "next"), ["dev", "--port", port], { stdio: "inherit", env });
children.push(next);

const shutdown = async () => {
  for (const child of children) child.kill("SIGTERM");
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
next.on("exit", shutdown);
