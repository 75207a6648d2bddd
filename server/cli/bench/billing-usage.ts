// npm run bench:billing [-- --counters 1000000 --batch 1000 --concurrency 8 --subscriptions 100 --reps 3]
//
// Pushes usage counters in batches through the real POST /api/billing/v1/usage
// route handler, served in this process over real HTTP (serve-billing-api.ts:
// auth, rate limit, zod validation, per-item results and the INSERT … ON
// CONFLICT all run as in the app), replays every batch (as many batches of
// the same size as the fresh pass, all duplicates: no row may change; each
// round's replay is compared with that round's fresh pass), sends the same
// number of Lago events through POST /events/batch in calls of 100 (Lago's
// batch size), and compares counters/s and latency with a direct batched
// INSERT … ON CONFLICT of the same rows into the same PostgreSQL (an embedded one started here, or
// BENCH_DATABASE_URL), in batches of --batch and, for the events' like-for-like
// figure, of 100. Fair by construction: every path stores the same rows into
// an emptied, vacuumed table, after one warm-up pass of each; the whole round
// runs --reps times and the medians are reported. Prints figures and the load
// average; asserts nothing about time.
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
const REPS = arg("reps", 3);
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

/** Which round's keys are sent: each round (and the warm-up) stores its own rows. */
let round = "w";

/** The counters of batch b: every one with its own idempotency key, spread over subscriptions and hours. */
function batchCounters(b: number): Counter[] {
  const out: Counter[] = [];
  for (let i = 0; i < BATCH && b * BATCH + i < COUNTERS; i++) {
    const n = b * BATCH + i;
    out.push({ sub: n % SUBSCRIPTIONS, hour: Math.floor(n / SUBSCRIPTIONS) % 720, quantity: `${(n % 3600) + 1}.25`, key: `${round}k${n}` });
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

/** Every path starts from the same state: no usage rows, fresh statistics. */
async function emptyTable(): Promise<void> {
  await pool.query(`DELETE FROM "BillingUsageRecord" WHERE "metricId" = $1`, [metric.id]);
  await pool.query(`VACUUM ANALYZE "BillingUsageRecord"`);
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`Billing usage benchmark: ${COUNTERS.toLocaleString("en")} counters, batches of ${BATCH}, ${CONCURRENCY} concurrent requests, ${SUBSCRIPTIONS} subscriptions, ${REPS} rounds, ${os.cpus().length} CPU(s); load average ${loadAverage()}`);

const EVENTS_PER_CALL = 100;
const eventCalls = Array.from({ length: Math.ceil(COUNTERS / EVENTS_PER_CALL) }, (_, i) => i);
const eventCounters = (call: number) => batchCounters(Math.floor((call * EVENTS_PER_CALL) / BATCH)).slice((call * EVENTS_PER_CALL) % BATCH, ((call * EVENTS_PER_CALL) % BATCH) + EVENTS_PER_CALL);

async function sendUsage(b: number): Promise<void> {
  const r = await post("/usage", wireBody(batchCounters(b)));
  if (r.status !== 202) throw new Error(`batch ${b}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
  const parsed = JSON.parse(r.body) as { accepted: number };
  if (parsed.accepted !== batchCounters(b).length) throw new Error(`batch ${b}: accepted ${parsed.accepted}`);
}

/** A batch sent again: every item must come back a duplicate. */
async function sendReplay(b: number): Promise<void> {
  const r = await post("/usage", wireBody(batchCounters(b)));
  const parsed = JSON.parse(r.body) as { duplicates: number };
  if (r.status !== 202 || parsed.duplicates !== batchCounters(b).length) throw new Error(`replay of batch ${b} was not all duplicates: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

async function sendEvents(call: number): Promise<void> {
  const r = await post("/events/batch", eventsBody(eventCounters(call)));
  if (r.status !== 200) throw new Error(`events call ${call}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
}

async function insertDirect(counters: Counter[]): Promise<void> {
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
}

const newestXid = async () => (await pool.query<{ x: string | null }>(`SELECT MAX(xmin::text::bigint)::text AS x FROM "BillingUsageRecord"`)).rows[0]?.x ?? "0";

// Warm-up: a tenth of the work through each path (JIT, plan caches, pool connections, the rate-limit lease), then forgotten.
const warmBatches = allBatches.slice(0, Math.max(1, Math.ceil(BATCHES / 10)));
await runBatches("warm-up API", sendUsage, warmBatches);
await runBatches("warm-up API replay", sendReplay, warmBatches);
await runBatches("warm-up events", sendEvents, eventCalls.slice(0, warmBatches.length * (BATCH / EVENTS_PER_CALL)), (call) => eventCounters(call).length);
await runBatches("warm-up direct", (b) => insertDirect(batchCounters(b)), warmBatches);
await emptyTable();

interface Round {
  api: Stats;
  replay: Stats;
  events: Stats;
  direct: Stats;
  direct100: Stats;
  rowsWrittenByReplay: boolean;
  consistent: boolean;
  totals: string;
}

const rounds: Round[] = [];
for (let r = 0; r < REPS; r++) {
  round = `r${r}`;
  // 1. Through the API.
  const api = await runBatches(`round ${r + 1} API`, sendUsage, allBatches);
  const afterApi = await storedTotals();
  // 2. Every batch again through the API (as many as the fresh pass, same size): all duplicates, totals unchanged, no row version written.
  const xidBeforeReplay = await newestXid();
  const replay = await runBatches(`round ${r + 1} API replay`, sendReplay, allBatches);
  const afterReplay = await storedTotals();
  const rowsWrittenByReplay = (await newestXid()) !== xidBeforeReplay;
  // 3. The same counters as Lago events, 100 per POST /events/batch call.
  await emptyTable();
  const events = await runBatches(`round ${r + 1} events/batch`, sendEvents, eventCalls, (call) => eventCounters(call).length);
  const afterEvents = await storedTotals();
  // 4. The same rows with a direct batched INSERT … ON CONFLICT, in batches of BATCH and of 100.
  await emptyTable();
  const direct = await runBatches(`round ${r + 1} direct SQL`, (b) => insertDirect(batchCounters(b)), allBatches);
  const afterDirect = await storedTotals();
  await emptyTable();
  const direct100 = await runBatches(`round ${r + 1} direct SQL ×100`, (call) => insertDirect(eventCounters(call)), eventCalls, (call) => eventCounters(call).length);
  const afterDirect100 = await storedTotals();
  await emptyTable();
  const consistent =
    afterApi.rows === COUNTERS &&
    afterReplay.total === afterApi.total &&
    afterEvents.total === afterApi.total &&
    afterDirect.total === afterApi.total &&
    afterDirect100.total === afterApi.total &&
    !rowsWrittenByReplay;
  rounds.push({ api, replay, events, direct, direct100, rowsWrittenByReplay, consistent, totals: `${afterApi.rows.toLocaleString("en")} rows, sum ${afterApi.total}` });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medianStats = (pick: (r: Round) => Stats): Stats => {
  const all = rounds.map(pick);
  const at = (k: keyof Stats) => median(all.map((s) => s[k]));
  return { seconds: at("seconds"), countersPerSecond: at("countersPerSecond"), p50: at("p50"), p95: at("p95"), p99: at("p99"), max: at("max") };
};
const ratios = (top: (r: Round) => Stats, bottom: (r: Round) => Stats) => rounds.map((r) => top(r).countersPerSecond / bottom(r).countersPerSecond);
const ratioLine = (values: number[]) => `${median(values).toFixed(2)}× (rounds: ${values.map((v) => v.toFixed(2)).join(", ")})`;

const fmt = (s: Stats, unit: string) =>
  `${Math.round(s.countersPerSecond).toLocaleString("en").padStart(9)} counters/s  ${s.seconds.toFixed(1).padStart(6)} s   p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms (per ${unit})`;
console.log("");
console.log(`Medians of ${REPS} rounds:`);
console.log(`API (HTTP → route → INSERT … ON CONFLICT)       ${fmt(medianStats((r) => r.api), `batch of ${BATCH}`)}`);
console.log(`API replay (all duplicates, ${String(BATCHES).padEnd(5)} batches)      ${fmt(medianStats((r) => r.replay), `batch of ${BATCH}`)}`);
console.log(`Lago events (POST /events/batch, 100 per call)  ${fmt(medianStats((r) => r.events), "call of 100")}`);
console.log(`Direct batched INSERT … ON CONFLICT             ${fmt(medianStats((r) => r.direct), `batch of ${BATCH}`)}`);
console.log(`Direct batched INSERT … ON CONFLICT, 100 a call ${fmt(medianStats((r) => r.direct100), "call of 100")}`);
console.log(`POST /usage ÷ direct insert: ${ratioLine(ratios((r) => r.api, (r) => r.direct))}`);
console.log(`POST /events/batch ÷ direct insert (batches of ${BATCH}): ${ratioLine(ratios((r) => r.events, (r) => r.direct))}`);
console.log(`POST /events/batch ÷ direct insert of 100 a call (same batch size): ${ratioLine(ratios((r) => r.events, (r) => r.direct100))}`);
console.log(`Duplicate replay ÷ fresh keys: ${ratioLine(ratios((r) => r.replay, (r) => r.api))}, rows written by the replays: ${rounds.some((r) => r.rowsWrittenByReplay) ? "SOME" : "none"}`);
console.log(`Stored per path and round: ${rounds[0]?.totals ?? "nothing"}`);
const consistent = rounds.every((r) => r.consistent);
console.log(consistent ? "Totals agree: every counter stored once, by every path, in every round." : "TOTALS DISAGREE");
console.log(`Load average at the end: ${loadAverage()}`);

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
