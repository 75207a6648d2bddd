// npm run scale:check
// Two `next start` instances of one production build, on one PostgreSQL
// behind PgBouncer in transaction mode, under bounded concurrent traffic.
// Checks what must hold across instances (each usage key counted once, one
// approval decision, the billing rate limit, sign-in lock-out) and prints
// throughput and p95 per instance and in total, plus the two-to-one ratio.
// Not part of `npm test` (it builds and runs the app): run it through the
// heavy lock. SCALE_SKIP_BUILD=1 reuses the last build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { findFreePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { migrateDeploy } from "./lib/prisma-cli";
import { drive, figures, printFigures, type Figures, type Job } from "./scale/load";
import { pgBouncerVersion, startPgBouncer } from "./scale/pgbouncer";

const CONCURRENCY = Number(process.env.SCALE_CONCURRENCY ?? 8);
const READS = Number(process.env.SCALE_READS ?? 300);
const USAGE_KEYS = Number(process.env.SCALE_USAGE_KEYS ?? 300);
const CRM_ITEMS = Number(process.env.SCALE_CRM_ITEMS ?? 60);
const MAX_MS = Number(process.env.SCALE_MAX_MS ?? 60_000);
const POOL_SIZE = 8;
const SECRET = "scale-check-secret-scale-check-secret-0000";

const failures: string[] = [];
function check(ok: boolean, what: string) {
  console.log(`  ${ok ? "✓" : "✗"} ${what}`);
  if (!ok) failures.push(what);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-scale-"));
fs.chmodSync(dir, 0o777);
const children: ChildProcess[] = [];
const stops: Array<() => Promise<void>> = [];
async function shutdown() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
}
process.on("SIGINT", () => void shutdown().then(() => process.exit(130)));

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${base} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base} did not answer /api/health within ${timeoutMs} ms`);
}

const nextBin = path.join(process.cwd(), "node_modules", ".bin", "next");

function startInstance(port: number, env: NodeJS.ProcessEnv, capture = false): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(nextBin, ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => capture && (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  children.push(child);
  return { child, output: () => output };
}

try {
  // 1. PostgreSQL, migrated and seeded, then PgBouncer in front of it.
  const database = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), port: await findFreePort(), database: "switchboard_scale", ephemeral: true, quiet: true });
  stops.push(database.stop);
  migrateDeploy(database.url, true);
  const bouncer = await startPgBouncer({ dir: path.join(dir, "pgbouncer"), port: await findFreePort(), serverUrl: database.url, database: "switchboard_scale", poolSize: 20 });
  stops.push(bouncer.stop);
  console.log(`▸ PostgreSQL 18 (embedded) behind ${pgBouncerVersion()}, pool_mode = transaction, default_pool_size = 20`);

  // Fixtures go through PgBouncer too: the seed's transactions run in transaction mode.
  process.env.DATABASE_URL = bouncer.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.APP_URL = "http://127.0.0.1";
  process.env.LOG_LEVEL = "error";
  process.env.BACKGROUND_JOBS = "inline";
  const { db } = await import("../db");
  const { seed, DEMO_PASSWORD } = await import("../../prisma/seed");
  await seed(db);
  const fixtures = await import("./scale/fixtures");
  const usage = await fixtures.usageFixture(db);
  const limited = await fixtures.limitedService(db, 30);
  console.log("▸ migrated and seeded through PgBouncer");

  // 2. One production build, two instances through PgBouncer.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: bouncer.url,
    DB_POOL_SIZE: String(POOL_SIZE),
    NEXTAUTH_SECRET: SECRET,
    // Production refuses to start without it (it seals e-mail bodies).
    MAIL_ENCRYPTION_KEY: "scale-check-mail-key-scale-check-mail-key-0000",
    BACKGROUND_JOBS: "inline",
    LOG_LEVEL: "error",
  };
  if (process.env.SCALE_SKIP_BUILD !== "1") {
    console.log("▸ next build …");
    const build = spawnSync(nextBin, ["build"], { stdio: ["ignore", "ignore", "inherit"], env });
    if (build.status !== 0) throw new Error("next build failed");
  }

  // A production start without Inngest must refuse, naming what is missing.
  {
    const refusedEnv = { ...env, BACKGROUND_JOBS: "", INNGEST_EVENT_KEY: "", INNGEST_SIGNING_KEY: "" };
    const refusedPort = await findFreePort();
    const refused = startInstance(refusedPort, refusedEnv, true);
    // Next runs the instrumentation hook at start; a request makes sure it has run.
    const poke = setInterval(() => void fetch(`http://127.0.0.1:${refusedPort}/api/health`).catch(() => undefined), 1000);
    const code = await Promise.race([waitForExit(refused.child), new Promise<"alive">((r) => setTimeout(() => r("alive"), 60_000))]);
    clearInterval(poke);
    if (code === "alive") refused.child.kill("SIGTERM");
    console.log("▸ production start without Inngest:");
    check(code !== "alive" && code !== 0, `refused to start (exit ${String(code)})`);
    check(/INNGEST_EVENT_KEY: missing/.test(refused.output()) && /INNGEST_SIGNING_KEY: missing/.test(refused.output()), "the message names INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY");
    if (!/INNGEST_EVENT_KEY: missing/.test(refused.output())) console.log(refused.output().slice(-1500));
  }

  const ports = [await findFreePort(), await findFreePort()];
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  const instances = ports.map((port, i) => startInstance(port, { ...env, APP_URL: bases[i], NEXTAUTH_URL: bases[i] }));
  await Promise.all(
    instances.map((inst, i) =>
      waitForHealth(bases[i]!, inst.child, 120_000).catch((error: Error) => {
        throw new Error(`${error.message}:\n${inst.output().slice(-1500)}`);
      }),
    ),
  );
  console.log(`▸ two instances up: ${bases.join(", ")} (DB_POOL_SIZE=${POOL_SIZE} each, through PgBouncer)`);
  const name = (i: number) => (i === 0 ? "A" : "B");

  // 3. Usage ingestion: every key sent twice, to alternating instances, concurrently.
  {
    const jobs: Job<{ accepted: number; duplicates: number; status: number }>[] = [];
    for (let k = 0; k < USAGE_KEYS; k++) {
      for (let copy = 0; copy < 2; copy++) {
        const i = (k + copy) % 2;
        jobs.push({
          instance: name(i),
          run: async () => {
            const res = await fetch(`${bases[i]}/api/billing/v1/usage`, {
              method: "POST",
              headers: { authorization: `Bearer ${usage.apiKey}`, "content-type": "application/json" },
              body: JSON.stringify({ usage: [usage.item(`scale-${k}`)] }),
            });
            const body = (await res.json()) as { accepted?: number; duplicates?: number };
            return { accepted: body.accepted ?? 0, duplicates: body.duplicates ?? 0, status: res.status };
          },
        });
      }
    }
    const run = await drive(jobs, CONCURRENCY * 2, MAX_MS);
    const stored = await db.billingUsageRecord.count({ where: { subscriptionId: usage.subscriptionId, metricId: usage.metricId, idempotencyKey: { startsWith: "scale-" } } });
    const accepted = run.results.reduce((s, r) => s + r.value.accepted, 0);
    const duplicates = run.results.reduce((s, r) => s + r.value.duplicates, 0);
    console.log("▸ usage ingestion (each key sent twice, to both instances):");
    printFigures(figures("usage POST", run));
    check(run.results.length === jobs.length, `all ${jobs.length} requests ran within the time bound (${run.results.length})`);
    check(run.results.every((r) => r.value.status === 202), "every request answered 202");
    check(stored === USAGE_KEYS && accepted === USAGE_KEYS && duplicates === USAGE_KEYS, `each key counted once: ${stored} rows, ${accepted} accepted, ${duplicates} duplicates for ${USAGE_KEYS} keys`);
  }

  // 4. Billing rate limit shared by both instances.
  {
    const jobs: Job<number>[] = Array.from({ length: 90 }, (_, n) => ({
      instance: name(n % 2),
      run: async () => (await fetch(`${bases[n % 2]}/api/billing/v1/plans`, { headers: { authorization: `Bearer ${limited.apiKey}` } })).status,
    }));
    const run = await drive(jobs, CONCURRENCY * 2, MAX_MS);
    const ok = run.results.filter((r) => r.value === 200).length;
    const refused = run.results.filter((r) => r.value === 429).length;
    // 30 a minute refills half a token a second while the burst runs.
    const ceiling = 30 + Math.floor((run.elapsedMs / 1000) * 0.5);
    console.log(`▸ billing rate limit (30/min per service, 90 requests over both instances in ${(run.elapsedMs / 1000).toFixed(1)} s):`);
    check(ok >= 30 && ok <= ceiling && ok + refused === 90, `${ok} allowed (limit 30, at most ${ceiling} with refill), ${refused} refused with 429`);
  }

  // 5. Sign-in failures across both instances: the per-login lock-out counts all of them.
  {
    const settings = await (await import("../audit/audit-settings")).getAuditSettings(db);
    // A login nobody signs in with later: the lock-out would refuse the read step's agent.
    const login = "admin@northwind.example";
    const attempts = settings.rateLimitPerLogin * 3;
    const jobs: Job<number>[] = Array.from({ length: attempts }, (_, n) => ({
      instance: name(n % 2),
      run: () => fixtures.passwordSignIn(bases[n % 2]!, login, "wrong-password").then((r) => r.status),
    }));
    await drive(jobs, CONCURRENCY, MAX_MS);
    const events = await db.loginEvent.groupBy({ by: ["failureReason"], where: { login, kind: "SIGN_IN", result: "FAILURE" }, _count: { _all: true } });
    const count = (reason: string) => events.find((e) => e.failureReason === reason)?._count._all ?? 0;
    console.log(`▸ sign-in failures (${attempts} wrong passwords for one login over both instances, limit ${settings.rateLimitPerLogin} per ${settings.rateLimitWindowMinutes} min):`);
    check(count("RATE_LIMITED") > 0, `later attempts were refused as rate limited on both instances (${count("RATE_LIMITED")})`);
    const checked = count("BAD_PASSWORD");
    check(checked <= settings.rateLimitPerLogin + CONCURRENCY, `${checked} passwords were checked before the lock-out (limit ${settings.rateLimitPerLogin}; the count-then-check is not atomic, so up to the ${CONCURRENCY} in flight can pass it)`);
  }

  // Two pools through PgBouncer stand for the two instances' background workers.
  const { PrismaClient } = await import("../generated/prisma/client");
  const { createPool } = await import("../db-pool");
  const pools = [0, 1].map(() => new PrismaClient({ adapter: new PrismaPg(createPool(bouncer.url, POOL_SIZE)) }));
  stops.push(async () => void (await Promise.all(pools.map((p) => p.$disconnect()))));

  // 6. Approval confirmations: approve and reject of one engagement, raced from two pools through PgBouncer.
  {
    const tokens = await fixtures.approvalLinks(db);
    const { confirmApprovalDecision } = await import("../approvals/confirm-decision");
    const ctx = { appUrl: "http://127.0.0.1" };
    const attempts = [...tokens, ...tokens].map((t, n) => confirmApprovalDecision({ token: t.token, decision: t.decision, comment: null }, ctx, pools[n % 2]));
    const outcomes = await Promise.all(attempts);
    const engagement = await db.approvalEngagement.findUniqueOrThrow({ where: { id: tokens[0]!.engagementId } });
    console.log("▸ approval confirmations (approve and reject links, each twice, from two pools at once):");
    check(outcomes.filter((o) => o.status === "recorded").length === 1, `one decision recorded (${engagement.state}); the other ${outcomes.length - 1} attempts answered "invalid"`);
  }

  // 6b. The CRM queue drained by both workers at once against a local Vtiger (e2e/fakes): each item pushed once.
  {
    const { startCrmKit } = await import("../crm/testing/crm-test-kit");
    const { createCustomer } = await import("../customers/save-customer");
    const { drainConnectionQueue } = await import("../crm/engine/drain-queue");
    const kit = await startCrmKit();
    stops.push(() => kit.close());
    for (let n = 0; n < CRM_ITEMS; n++) await createCustomer(db, { name: `Scale Customer ${n}`, email: `scale-${n}@example.test`, phone: String(n) });
    const queued = await db.syncQueueItem.count({ where: { connectionId: kit.connection.id } });
    const noWait = { backoff: { baseMs: 0, maxMs: 0, jitter: "none" as const } };
    const started = performance.now();
    const drains = await Promise.all(pools.map((p) => drainConnectionQueue(p, kit.connection.id, noWait)));
    const seconds = (performance.now() - started) / 1000;
    const items = await db.syncQueueItem.findMany({ where: { connectionId: kit.connection.id }, select: { status: true, attempts: true } });
    const creates = kit.fake.calls.filter((c) => c.operation === "create" && c.httpStatus === 200).length;
    console.log(`▸ CRM queue (${queued} items, drained by both workers at once in ${seconds.toFixed(1)} s; A ${drains[0]!.processed}, B ${drains[1]!.processed}):`);
    check(
      drains[0]!.processed + drains[1]!.processed === queued && items.every((i) => i.status === "SUCCEEDED" && i.attempts === 1) && creates === CRM_ITEMS,
      `each item handled once: ${creates} remote creates for ${CRM_ITEMS} customers, ${items.filter((i) => i.status === "SUCCEEDED").length}/${queued} items succeeded on their first attempt`,
    );
  }

  // 6c. The follow-up link limit (per address, 30 a minute by default) over both instances.
  {
    const jobs: Job<number>[] = Array.from({ length: 70 }, (_, n) => ({
      instance: name(n % 2),
      run: async () => {
        const res = await fetch(`${bases[n % 2]}/t/scale-check-no-such-link-${n}`);
        await res.arrayBuffer();
        return res.status;
      },
    }));
    const run = await drive(jobs, CONCURRENCY * 2, MAX_MS);
    const refused = run.results.filter((r) => r.value === 429).length;
    const passed = run.results.length - refused;
    const ceiling = 30 + Math.floor((run.elapsedMs / 1000) * 0.5);
    console.log(`▸ follow-up link limit (30/min per address, 70 page loads over both instances in ${(run.elapsedMs / 1000).toFixed(1)} s):`);
    check(passed >= 30 && passed <= ceiling && run.results.length === 70, `${passed} let through (limit 30, at most ${ceiling} with refill), ${refused} refused with 429`);
  }

  // 7. Reads: ticket list (agent) and My Tickets inbox (client user), one instance, then two.
  {
    const agent = await fixtures.passwordSignIn(bases[0]!, "agent@switchboard.local", DEMO_PASSWORD);
    const client = await fixtures.passwordSignIn(bases[1]!, "user@entech.example", DEMO_PASSWORD);
    if (!agent.cookie || !client.cookie) throw new Error(`sign-in gave no session cookie (agent ${agent.status}, client ${client.status})`);
    const trpc = (base: string, proc: string, cookie: string) => async () => {
      const res = await fetch(`${base}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${proc} answered ${res.status}`);
      return res.status;
    };
    const readJobs = (targets: number[]): Job<number>[] =>
      Array.from({ length: READS * targets.length }, (_, n) => {
        const i = targets[n % targets.length]!;
        return n % 4 === 3
          ? { instance: `${name(i)} inbox`, run: trpc(bases[i]!, "helpdesk.inbox.list", client.cookie!) }
          : { instance: `${name(i)} tickets`, run: trpc(bases[i]!, "helpdesk.tickets.list", agent.cookie!) };
      });
    // Warm both instances (compiled routes, pools).
    await drive(readJobs([0, 1]).slice(0, 40), CONCURRENCY, MAX_MS);
    const one = await drive(readJobs([0]), CONCURRENCY, MAX_MS);
    const two = await drive(readJobs([0, 1]), CONCURRENCY * 2, MAX_MS);
    const oneRows: Figures[] = figures("reads, one instance", one);
    const twoRows: Figures[] = figures("reads, two instances", two);
    console.log(`▸ reads (3 ticket-list : 1 inbox), concurrency ${CONCURRENCY} per instance:`);
    printFigures(oneRows);
    printFigures(twoRows);
    const ratio = twoRows.at(-1)!.perSecond / oneRows.at(-1)!.perSecond;
    console.log(`  two instances ÷ one instance, total throughput: ${ratio.toFixed(2)}× on ${os.cpus().length} CPU cores`);
  }

  // 8. Health, as any instance reports it, and the admins' status page with the paused-schedules banner.
  {
    const health = (await (await fetch(`${bases[1]}/api/health`)).json()) as { ok: boolean; jobs?: { mode: string; queues: unknown[] } };
    console.log("▸ /api/health and the System status page on instance B:");
    check(health.ok && health.jobs?.mode === "inline" && Array.isArray(health.jobs.queues), `ok, jobs mode ${health.jobs?.mode}, ${health.jobs?.queues.length} queues reported`);
    const admin = await fixtures.passwordSignIn(bases[1]!, "admin@switchboard.local", DEMO_PASSWORD);
    const page = await fetch(`${bases[1]}/status`, { headers: { cookie: admin.cookie ?? "" } });
    const html = await page.text();
    check(page.status === 200 && html.includes("System status") && html.includes("Schedules are paused"), `/status answered ${page.status} with the report and the banner`);
  }

  for (const inst of instances) {
    if (inst.child.exitCode !== null) failures.push(`an instance exited early: ${inst.output().slice(-500)}`);
  }
  await db.$disconnect();
} catch (error) {
  failures.push(error instanceof Error ? error.stack ?? error.message : String(error));
  const log = path.join(dir, "pgbouncer", "pgbouncer.log");
  if (fs.existsSync(log)) console.error(`PgBouncer log (tail):\n${fs.readFileSync(log, "utf8").split("\n").slice(-30).join("\n")}`);
} finally {
  await shutdown();
}

if (failures.length > 0) {
  console.error(`\n✗ scale check failed:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  process.exit(1);
}
console.log("\n✓ scale check passed");
process.exit(0);
