// A small bounded load driver: runs request thunks with a fixed concurrency and
// records each one's latency, so the scale check can print throughput and p95.
import { performance } from "node:perf_hooks";

export interface Timed<T> {
  instance: string;
  ms: number;
  value: T;
}

export interface Job<T> {
  instance: string;
  run: () => Promise<T>;
}

/** Runs `jobs` with at most `concurrency` in flight; stops starting new ones after `maxMs`. */
export async function drive<T>(jobs: Job<T>[], concurrency: number, maxMs: number): Promise<{ results: Timed<T>[]; elapsedMs: number }> {
  const results: Timed<T>[] = [];
  const started = performance.now();
  let next = 0;
  async function worker() {
    while (next < jobs.length && performance.now() - started < maxMs) {
      const job = jobs[next++]!;
      const t0 = performance.now();
      const value = await job.run();
      results.push({ instance: job.instance, ms: performance.now() - t0, value });
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return { results, elapsedMs: performance.now() - started };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Figures {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
}

/** Throughput and latency per instance and in total. */
export function figures<T>(name: string, run: { results: Timed<T>[]; elapsedMs: number }): Figures[] {
  const byInstance = new Map<string, number[]>();
  for (const r of run.results) byInstance.set(r.instance, [...(byInstance.get(r.instance) ?? []), r.ms]);
  const rows: Figures[] = [];
  const row = (label: string, ms: number[]): Figures => ({
    label,
    requests: ms.length,
    perSecond: ms.length / (run.elapsedMs / 1000),
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
  });
  for (const [instance, ms] of [...byInstance].sort()) rows.push(row(`${name} @${instance}`, ms));
  rows.push(row(`${name} total`, run.results.map((r) => r.ms)));
  return rows;
}

export function printFigures(rows: Figures[]): void {
  for (const r of rows) {
    console.log(
      `  ${r.label.padEnd(34)} ${String(r.requests).padStart(5)} req  ${r.perSecond.toFixed(1).padStart(7)} req/s  p50 ${r.p50.toFixed(0).padStart(5)} ms  p95 ${r.p95.toFixed(0).padStart(5)} ms`,
    );
  }
}
