// npm run bench:billing [-- --counters 1000000 --batch 1000 --concurrency 8 --subscriptions 100]
//
// Pushes usage counters in batches through the real POST /api/billing/v1/usage
// route handler, served in this process over real HTTP (serve-billing-api.ts:
// auth, rate limit, zod validation, per-item results and the INSERT … ON
// CONFLICT all run as in the app), replays 5% of the batches (all duplicates:
// no row may change), sends the same number of Lago events through
// POST /events/batch in calls of 100 (Lago's batch size), and compares
// counters/s and latency with a direct batched INSERT … ON CONFLICT of the
// same rows into the same PostgreSQL (an embedded one started here, or
// BENCH_DATABASE_URL). Prints figures; asserts nothing about time.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { migrateDeploy } from "../lib/prisma-cli";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a whole number > 0`);
  return value;
}

const COUNTERS = arg("counters", 1_000_000);
const BATCH = arg("batch", 1000);
const CONCURRENCY = arg("concurrency", 8);
const SUBSCRIPTIONS = arg("subscriptions", 100);
const BATCHES = Math.ceil(COUNTERS / BATCH);

process.env.LOG_LEVEL = "error";
process.env.DB_POOL_SIZE ??= String(CONCURRENCY + 2);

// ─── Database ────────────────────────────────────────────────────────────────
let stopDb: () => Promise<void> = async () => {};
let databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-bench-pg-"));
  fs.chmodSync(dir, 0o777);
  const server = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await findFreePort(), database: "switchboard_bench", ephemeral: true, quiet: true });
  databaseUrl = server.url;
  stopDb = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
migrateDeploy(databaseUrl, true);
process.env.DATABASE_URL = databaseUrl;

const { db } = await import("../../db");
const { createService } = await import("../../billing/services/services");
const { serveBillingApi } = await import("../../billing/testing/serve-billing-api");

// ─── Fixtures: one service, one metric, one plan, N subscriptions ────────────
const tag = randomBytes(3).toString("hex");
const { service, apiKey } = await createService(db, { name: "Bench", code: `bench_${tag}`, rateLimitPerMinute: 1_000_000 });
const metric = await db.billingMetric.create({ data: { code: `bench_cpu_${tag}`, name: "Bench CPU", aggregation: "sum", unitLabel: "seconds", fieldName: "seconds" } });
const plan = await db.billingPlan.create({ data: { code: `bench_plan_${tag}`, name: "Bench", interval: "monthly", basePrice: "10.00", currency: "CAD" } });
await db.billingCharge.create({ data: { planId: plan.id, metricId: metric.id, unitPrice: "0.01" } });
const customer = await db.customer.create({ data: { name: "Bench customer" } });
// The 30 days of counter windows lie in the past (usage for the future is refused).
const periodStart = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 31 * 86_400_000);
const subscriptions = await Promise.all(
  Array.from({ length: SUBSCRIPTIONS }, (_, i) =>
    db.billingSubscription.create({
      data: {
        customerId: customer.id,
        planId: plan.id,
        serviceId: service.id,
        externalId: `bench-${tag}-${i}`,
        startedAt: periodStart,
        currentPeriodStart: periodStart,
        currentPeriodEnd: new Date(periodStart.getTime() + 40 * 86_400_000),
      },
    }),
  ),
);

interface Counter {
  sub: number;
  hour: number;
  quantity: string;
  key: string;
}

/** The counters of batch b: every one with its own idempotency key, spread over subscriptions and hours. */
function batchCounters(b: number): Counter[] {
  const out: Counter[] = [];
  for (let i = 0; i < BATCH && b * BATCH + i < COUNTERS; i++) {
    const n = b * BATCH + i;
    out.push({ sub: n % SUBSCRIPTIONS, hour: Math.floor(n / SUBSCRIPTIONS) % 720, quantity: `${(n % 3600) + 1}.25`, key: `k${n}` });
  }
  return out;
}

function wireBody(counters: Counter[]): string {
  return JSON.stringify({
    usage: counters.map((c) => ({
      external_subscription_id: subscriptions[c.sub]!.externalId,
      metric_code: metric.code,
      period: {
        from: new Date(periodStart.getTime() + c.hour * 3_600_000).toISOString(),
        to: new Date(periodStart.getTime() + (c.hour + 1) * 3_600_000).toISOString(),
      },
      quantity: c.quantity,
      idempotency_key: c.key,
    })),
  });
}

/** The same counters as Lago events (one event per counter, at the window's start). */
function eventsBody(counters: Counter[]): string {
  return JSON.stringify({
    events: counters.map((c) => ({
      transaction_id: `e${c.key}`,
      external_subscription_id: subscriptions[c.sub]!.externalId,
      code: metric.code,
      timestamp: (periodStart.getTime() + c.hour * 3_600_000) / 1000,
      properties: { seconds: c.quantity },
    })),
  });
}

// ─── The app's routes over real HTTP ─────────────────────────────────────────
const served = await serveBillingApi();
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${served.baseUrl}${path}`, { method: "POST", agent, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

// ─── Runner ──────────────────────────────────────────────────────────────────
interface Stats {
  seconds: number;
  countersPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

async function runBatches(label: string, send: (b: number) => Promise<void>, batches: number[], size: (b: number) => number = (b) => batchCounters(b).length): Promise<Stats> {
  const latencies: number[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const i = next++;
        if (i >= batches.length) return;
        const t = performance.now();
        await send(batches[i]!);
        latencies.push(performance.now() - t);
        done++;
        if (done % Math.max(1, Math.floor(batches.length / 10)) === 0) process.stdout.write(`  ${label}: ${done}/${batches.length} batches\r`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  const counters = batches.reduce((n, b) => n + size(b), 0);
  process.stdout.write("\n");
  return { seconds, countersPerSecond: counters / seconds, p50: pct(50), p95: pct(95), p99: pct(99), max: latencies.at(-1) ?? 0 };
}

const allBatches = Array.from({ length: BATCHES }, (_, b) => b);
const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });

async function storedTotals(): Promise<{ rows: number; total: string }> {
  const r = await pool.query<{ rows: string; total: string | null }>(`SELECT COUNT(*)::text AS rows, SUM(quantity)::text AS total FROM "BillingUsageRecord" WHERE "metricId" = $1`, [metric.id]);
  return { rows: Number(r.rows[0]?.rows ?? 0), total: r.rows[0]?.total ?? "0" };
}

console.log(`Billing usage benchmark: ${COUNTERS.toLocaleString("en")} counters, batches of ${BATCH}, ${CONCURRENCY} concurrent requests, ${SUBSCRIPTIONS} subscriptions, ${os.cpus().length} CPU(s)`);

// 1. Through the API.
const api = await runBatches("API", async (b) => {
  const r = await post("/usage", wireBody(batchCounters(b)));
  if (r.status !== 202) throw new Error(`batch ${b}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
  const parsed = JSON.parse(r.body) as { accepted: number };
  if (parsed.accepted !== batchCounters(b).length) throw new Error(`batch ${b}: accepted ${parsed.accepted}`);
}, allBatches);
const afterApi = await storedTotals();

// 2. Retries of 5% of the batches through the API: all duplicates, totals unchanged, no row version written.
const newestXid = async () => (await pool.query<{ x: string | null }>(`SELECT MAX(xmin::text::bigint)::text AS x FROM "BillingUsageRecord"`)).rows[0]?.x ?? "0";
const xidBeforeRetries = await newestXid();
const retryBatches = allBatches.filter((b) => b % 20 === 0);
const retries = await runBatches("API retries", async (b) => {
  const r = await post("/usage", wireBody(batchCounters(b)));
  const parsed = JSON.parse(r.body) as { duplicates: number };
  if (r.status !== 202 || parsed.duplicates !== batchCounters(b).length) throw new Error(`retry of batch ${b} was not all duplicates`);
}, retryBatches);
const afterRetries = await storedTotals();
const rowsWrittenByRetries = (await newestXid()) !== xidBeforeRetries;

// 2b. The same counters as Lago events, 100 per POST /events/batch call.
await pool.query(`DELETE FROM "BillingUsageRecord" WHERE "metricId" = $1`, [metric.id]);
await pool.query(`VACUUM ANALYZE "BillingUsageRecord"`);
const EVENTS_PER_CALL = 100;
const eventCalls = Array.from({ length: Math.ceil(COUNTERS / EVENTS_PER_CALL) }, (_, i) => i);
const eventCounters = (call: number) => batchCounters(Math.floor((call * EVENTS_PER_CALL) / BATCH)).slice((call * EVENTS_PER_CALL) % BATCH, ((call * EVENTS_PER_CALL) % BATCH) + EVENTS_PER_CALL);
const events = await runBatches("events/batch", async (call) => {
  const r = await post("/events/batch", eventsBody(eventCounters(call)));
  if (r.status !== 200) throw new Error(`events call ${call}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}, eventCalls, (call) => eventCounters(call).length);
const afterEvents = await storedTotals();

// 3. The same rows with a direct batched INSERT … ON CONFLICT (after emptying the table).
await pool.query(`DELETE FROM "BillingUsageRecord" WHERE "metricId" = $1`, [metric.id]);
await pool.query(`VACUUM ANALYZE "BillingUsageRecord"`);
const direct = await runBatches("direct SQL", async (b) => {
  const counters = batchCounters(b);
  await pool.query(
    `INSERT INTO "BillingUsageRecord" ("subscriptionId", "metricId", "periodStart", "periodEnd", "quantity", "uniqueKey", "idempotencyKey")
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::timestamp(3)[], $5::numeric[], $6::text[], $7::text[])
     ON CONFLICT ("subscriptionId", "metricId", "idempotencyKey") DO NOTHING`,
    [
      counters.map((c) => subscriptions[c.sub]!.id),
      counters.map(() => metric.id),
      counters.map((c) => new Date(periodStart.getTime() + c.hour * 3_600_000).toISOString()),
      counters.map((c) => new Date(periodStart.getTime() + (c.hour + 1) * 3_600_000).toISOString()),
      counters.map((c) => c.quantity),
      counters.map(() => null),
      counters.map((c) => c.key),
    ],
  );
}, allBatches);
const afterDirect = await storedTotals();

const fmt = (s: Stats) =>
  `${Math.round(s.countersPerSecond).toLocaleString("en").padStart(9)} counters/s  ${s.seconds.toFixed(1).padStart(6)} s   p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms (per batch of ${BATCH})`;
console.log("");
console.log(`API (HTTP → route → INSERT … ON CONFLICT)  ${fmt(api)}`);
console.log(`API retries (all duplicates, ${retryBatches.length} batches) ${fmt(retries)}`);
console.log(`Lago events (POST /events/batch, 100 per call) ${fmt(events).replace(`per batch of ${BATCH}`, "per call of 100")}`);
console.log(`Direct batched INSERT … ON CONFLICT        ${fmt(direct)}`);
console.log(`POST /usage ÷ direct insert: ${(api.countersPerSecond / direct.countersPerSecond).toFixed(2)}× (p95 ${(api.p95 / direct.p95).toFixed(1)}× the direct insert's)`);
console.log(`POST /events/batch ÷ direct insert: ${(events.countersPerSecond / direct.countersPerSecond).toFixed(2)}×`);
console.log(`Duplicate replay ÷ fresh keys: ${(retries.countersPerSecond / api.countersPerSecond).toFixed(2)}×, rows written by the replay: ${rowsWrittenByRetries ? "SOME" : "none"}`);
console.log(`Stored after API: ${afterApi.rows.toLocaleString("en")} rows, sum ${afterApi.total}; after retries: ${afterRetries.rows.toLocaleString("en")} rows, sum ${afterRetries.total}; direct: ${afterDirect.rows.toLocaleString("en")} rows, sum ${afterDirect.total}`);
console.log(`Stored by events: ${afterEvents.rows.toLocaleString("en")} rows, sum ${afterEvents.total}`);
const consistent =
  afterApi.rows === COUNTERS && afterRetries.total === afterApi.total && afterDirect.total === afterApi.total && afterEvents.total === afterApi.total && !rowsWrittenByRetries;
console.log(consistent ? "Totals agree: every counter stored once." : "TOTALS DISAGREE");

agent.destroy();
await served.close();
await pool.end();
await db.$disconnect();
// The app's pool keeps idle connections that PostgreSQL closes as it stops; that is expected here.
process.on("uncaughtException", (error) => {
  if (!/terminating connection/.test(error.message)) throw error;
});
await stopDb();
process.exit(consistent ? 0 : 1);
