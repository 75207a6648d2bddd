// npm run bench:billing [-- --counters 1000000 --batch 1000 --concurrency 8 --subscriptions 100]
//
// Pushes usage counters in batches through the real POST /api/billing/v1/usage
// route handler, served in this process over real HTTP by a small node:http
// server on 127.0.0.1 (auth, rate limit, zod validation, per-item results and
// the INSERT … ON CONFLICT all run as in the app), and compares counters/s and
// latency with a direct batched INSERT … ON CONFLICT of the same rows into the
// same PostgreSQL (an embedded one started here, or BENCH_DATABASE_URL).
// Prints figures; asserts nothing about time.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
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
const { POST: postUsage } = await import("../../../app/api/billing/v1/usage/route");

// ─── Fixtures: one service, one metric, one plan, N subscriptions ────────────
const tag = randomBytes(3).toString("hex");
const { service, apiKey } = await createService(db, { name: "Bench", code: `bench_${tag}`, rateLimitPerMinute: 1_000_000 });
const metric = await db.billingMetric.create({ data: { code: `bench_cpu_${tag}`, name: "Bench CPU", aggregation: "sum", unitLabel: "seconds" } });
const plan = await db.billingPlan.create({ data: { code: `bench_plan_${tag}`, name: "Bench", interval: "monthly", basePrice: "10.00", currency: "CAD" } });
const customer = await db.customer.create({ data: { name: "Bench customer" } });
const periodStart = new Date(Date.UTC(2026, 10, 1));
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
        currentPeriodEnd: new Date(Date.UTC(2026, 11, 1)),
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

// ─── The app's route over real HTTP ──────────────────────────────────────────
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    postUsage(request, { params: Promise.resolve({}) })
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, { "content-type": "application/json", "content-length": String(body.length) });
        res.end(body);
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/billing/v1/usage`;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } }, (res) => {
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

async function runBatches(label: string, send: (b: number) => Promise<void>, batches: number[]): Promise<Stats> {
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
  const counters = batches.reduce((n, b) => n + batchCounters(b).length, 0);
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
  const r = await post(wireBody(batchCounters(b)));
  if (r.status !== 202) throw new Error(`batch ${b}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
  const parsed = JSON.parse(r.body) as { accepted: number };
  if (parsed.accepted !== batchCounters(b).length) throw new Error(`batch ${b}: accepted ${parsed.accepted}`);
}, allBatches);
const afterApi = await storedTotals();

// 2. Retries of 5% of the batches through the API: all duplicates, totals unchanged.
const retryBatches = allBatches.filter((b) => b % 20 === 0);
const retries = await runBatches("API retries", async (b) => {
  const r = await post(wireBody(batchCounters(b)));
  const parsed = JSON.parse(r.body) as { duplicates: number };
  if (r.status !== 202 || parsed.duplicates !== batchCounters(b).length) throw new Error(`retry of batch ${b} was not all duplicates`);
}, retryBatches);
const afterRetries = await storedTotals();

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
console.log(`Direct batched INSERT … ON CONFLICT        ${fmt(direct)}`);
console.log(`API throughput is ${((api.countersPerSecond / direct.countersPerSecond) * 100).toFixed(0)}% of the direct insert; p95 ${(api.p95 / direct.p95).toFixed(1)}× the direct insert's`);
console.log(`Stored after API: ${afterApi.rows.toLocaleString("en")} rows, sum ${afterApi.total}; after retries: ${afterRetries.rows.toLocaleString("en")} rows, sum ${afterRetries.total}; direct: ${afterDirect.rows.toLocaleString("en")} rows, sum ${afterDirect.total}`);
const consistent = afterApi.rows === COUNTERS && afterRetries.total === afterApi.total && afterDirect.total === afterApi.total;
console.log(consistent ? "Totals agree: every counter stored once." : "TOTALS DISAGREE");

agent.destroy();
server.close();
await pool.end();
await db.$disconnect();
// The app's pool keeps idle connections that PostgreSQL closes as it stops; that is expected here.
process.on("uncaughtException", (error) => {
  if (!/terminating connection/.test(error.message)) throw error;
});
await stopDb();
process.exit(consistent ? 0 : 1);
