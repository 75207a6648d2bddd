// npm run bench:crm
// Pushes BENCH_CRM_RECORDS (default 2,000) customers to the fake Vtiger
// through the sync engine (queue → claim → batch → connector → link/log
// writes on a throwaway embedded PostgreSQL) and makes the same Vtiger calls
// directly with the client, at the same concurrency; then does the same for
// an update of every record. Prints records/s and the engine's overhead per
// record. The direct calls run once before and once after the engine (after a
// warm-up) and their mean is the baseline. Figures for the issue note, not a
// test: nothing is asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startFakeVtiger } from "../../../e2e/fakes/vtiger/fake-vtiger-server";
import { findFreePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { migrateDeploy } from "../lib/prisma-cli";

const N = Number(process.env.BENCH_CRM_RECORDS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CRM_CONCURRENCY ?? 4);
const BATCH = 50;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-crm-"));
fs.chmodSync(dir, 0o777);
const database = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await findFreePort(), database: "bench", ephemeral: true, quiet: true });
const fake = await startFakeVtiger();

async function pool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

try {
  migrateDeploy(database.url, true);
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL = "error";
  process.env.CRM_ENCRYPTION_KEY ??= "bench-crm-encryption-key-0123456789abcdef";
  process.env.CRM_ALLOW_LOOPBACK = "true";
  const { db } = await import("../../db");
  const { VtigerClient } = await import("../../crm/connectors/vtiger/vtiger-client");
  const { defaultVtigerModules } = await import("../../crm/connectors/vtiger/vtiger-defaults");
  const { createConnection } = await import("../../crm/connections/manage-connections");
  const { createCustomer, updateCustomer } = await import("../../customers/save-customer");
  const { setSyncDispatcherForTests } = await import("../../crm/engine/dispatch");
  const { drainConnectionQueue } = await import("../../crm/engine/drain-queue");
  setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined });

  const people = Array.from({ length: N }, (_, i) => ({
    name: `Bench Person${i}`,
    email: `bench${i}@example.test`,
    phone: `+61 2 5550 ${String(i).padStart(4, "0")}`,
    city: "Sydney",
  }));

  // ---- direct: the same create and revise calls, straight through the client ----
  const client = new VtigerClient({ baseUrl: fake.url, username: "admin", accessKey: "fake-access-key" });
  const session = await client.login();
  const direct = async (round: string, count: number) => {
    const ids: string[] = [];
    const c0 = fake.calls.length;
    let t0 = performance.now();
    await pool(
      people.slice(0, count).map((p, i) => ({ p, i })),
      CONCURRENCY,
      async ({ p, i }) => {
        const [first, last] = p.name.split(" ");
        const rec = await client.create("Contacts", {
          firstname: first,
          lastname: last,
          email: p.email,
          phone: p.phone,
          mailingcity: p.city,
          cf_switchboard_id: `${round}-${i}`,
          assigned_user_id: session.userId,
        });
        ids[i] = rec.id;
      },
    );
    const createMs = performance.now() - t0;
    const createCalls = fake.calls.length - c0;
    const u0 = fake.calls.length;
    t0 = performance.now();
    await pool(ids, CONCURRENCY, async (id) => {
      await client.revise({ id, phone: "+61 2 0000 0000" });
    });
    return { createMs, createCalls, updateMs: performance.now() - t0, updateCalls: fake.calls.length - u0 };
  };
  // Warm-up (JIT, sockets, the fake's store), not counted.
  await direct("warmup", Math.min(300, N));
  const before = await direct("direct-a", N);

  // ---- engine: customers created here, queued in their transaction, pushed by the worker ----
  const conn = await createConnection(
    db,
    {
      name: "Bench Vtiger",
      provider: "vtiger",
      baseUrl: fake.url,
      username: "admin",
      accessKey: "fake-access-key",
      modules: { Contacts: defaultVtigerModules().Contacts as { fields: string[]; externalKeyField?: string } },
    },
    { allowLoopback: true },
  );
  let t = performance.now();
  const customers = [];
  for (const p of people) customers.push(await createCustomer(db, p));
  const enqueueMs = performance.now() - t;

  const engineCreateCalls0 = fake.calls.length;
  t = performance.now();
  const created = await drainConnectionQueue(db, conn.id, { budgetMs: 3_600_000, batchSize: BATCH, concurrency: CONCURRENCY });
  const engineCreateMs = performance.now() - t;
  const engineCreateCalls = fake.calls.length - engineCreateCalls0;

  for (const c of customers) await updateCustomer(db, c.id, { name: c.name, email: c.email, phone: "+61 2 0000 0000", city: c.city });
  const engineUpdateCalls0 = fake.calls.length;
  t = performance.now();
  const updated = await drainConnectionQueue(db, conn.id, { budgetMs: 3_600_000, batchSize: BATCH, concurrency: CONCURRENCY });
  const engineUpdateMs = performance.now() - t;
  const engineUpdateCalls = fake.calls.length - engineUpdateCalls0;
  const logged = await db.syncCallLog.count({ where: { connectionId: conn.id } });
  // Direct again after the engine, so drift over the run (store size, machine load) cancels out.
  const after = await direct("direct-b", N);
  const directCreateMs = (before.createMs + after.createMs) / 2;
  const directUpdateMs = (before.updateMs + after.updateMs) / 2;
  const directCreateCalls = before.createCalls;
  const directUpdateCalls = before.updateCalls;

  const row = (label: string, ms: number, calls: number) =>
    `${label.padEnd(30)} ${fmt(ms / 1000, 2).padStart(8)} s ${fmt((N / ms) * 1000, 0).padStart(8)} rec/s ${fmt(calls).padStart(7)} calls ${fmt(calls / N, 3).padStart(7)} calls/rec`;
  const overhead = (engine: number, direct: number) =>
    `${fmt((engine - direct) / N, 2)} ms/record (${fmt(((engine - direct) / direct) * 100, 0)}% over direct)`;

  console.log(`\nCRM push benchmark: ${fmt(N)} customers, fake Vtiger on 127.0.0.1, concurrency ${CONCURRENCY}, batch ${BATCH}\n`);
  console.log(`(direct runs: before the engine ${fmt(before.createMs / 1000, 2)} s / ${fmt(before.updateMs / 1000, 2)} s, after ${fmt(after.createMs / 1000, 2)} s / ${fmt(after.updateMs / 1000, 2)} s; the mean is shown)\n`);
  console.log(row("direct client: create", directCreateMs, directCreateCalls));
  console.log(row("engine: create (push)", engineCreateMs, engineCreateCalls));
  console.log(row("direct client: revise", directUpdateMs, directUpdateCalls));
  console.log(row("engine: update (push)", engineUpdateMs, engineUpdateCalls));
  console.log(`\nengine overhead, create: ${overhead(engineCreateMs, directCreateMs)}`);
  console.log(`engine overhead, update: ${overhead(engineUpdateMs, directUpdateMs)}`);
  console.log(`enqueue in the customer's transaction: ${fmt(enqueueMs / N, 2)} ms/record (${fmt(N)} create transactions, not part of the push)`);
  console.log(`results: create ${created.succeeded} ok / ${created.failed + created.dead} failed; update ${updated.succeeded} ok / ${updated.failed + updated.dead} failed; ${fmt(logged)} calls logged`);
  console.log(`(engine update calls include one mass retrieve per batch of ${BATCH}: the remote side is read for three-way reconciliation)\n`);
  await db.$disconnect();
} finally {
  // Idle pool connections are cut when the database stops; that is the end of the run, not an error.
  process.on("uncaughtException", (e) => {
    if (!String(e).includes("terminating connection")) throw e;
  });
  await fake.close();
  await database.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
