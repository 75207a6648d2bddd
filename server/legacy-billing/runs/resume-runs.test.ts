import { InngestTestEngine } from "@inngest/test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { runLegacyImport } from "@/inngest/functions/run-legacy-import";
import { runLegacyReconciliation } from "@/inngest/functions/run-legacy-reconciliation";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { withClient } from "@/server/testing/databases";
import { saveLegacySettings } from "../import/legacy-settings";
import { continueImportRun, createImportRun } from "../import/run-import";
import { createReconciliationRun, runReconciliation } from "../reconcile/reconciliation-runs";
import { executeReconciliationBatch } from "../reconcile/start-reconciliation";
import { setUpLegacySample } from "../source/legacy-sample-fixture";
import type { LegacySource } from "../source/open-legacy-source";
import { listImportRuns, listReconciliationRuns } from "./list-runs";
import { STALL_AFTER_MS } from "./run-lease";

const sample = setUpLegacySample();
type Sent = { name: string; data: { runId: string; leaseId: string } };
let sent: Sent[] = [];

beforeAll(async () => {
  await saveLegacySettings(db, { url: sample.url }, null);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Inngest's send, captured: the tests run the captured event through the real function handler. */
function captureSends() {
  sent = [];
  vi.spyOn(inngest, "send").mockImplementation(async (event) => {
    const { name, data } = event as Sent;
    sent.push({ name, data });
    return { ids: [String(sent.length)] };
  });
}

async function ageHeartbeat(kind: "import" | "reconciliation", id: string) {
  const heartbeatAt = new Date(Date.now() - STALL_AFTER_MS - 5_000);
  if (kind === "import") await db.legacyImportRun.update({ where: { id }, data: { heartbeatAt } });
  else await db.legacyReconciliationRun.update({ where: { id }, data: { heartbeatAt } });
}

const rowOutcomes = async (runId: string) =>
  (await db.legacyImportRowResult.findMany({ where: { runId }, orderBy: [{ entity: "asc" }, { legacyId: "asc" }] })).map((r) => [r.entity, r.legacyId, r.outcome, r.reason]);

async function reconciliationSnapshot() {
  const rows = await db.legacyReconciliation.findMany({ orderBy: [{ subscriptionId: "asc" }, { period: "asc" }] });
  return rows.map((r) => [r.subscriptionId, r.period, r.switchboardAmount.toString(), r.legacyAmount.toString(), r.status]);
}

describe("a killed import run", { timeout: 90_000 }, () => {
  it("shows as stalled, resumes from its checkpoint through the Inngest function, and the old worker cannot write once it is back", async () => {
    const uninterrupted = await continueImportRun(db, (await createImportRun(db, sample.source, { dryRun: true })).id, sample.source);
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));

    // The original worker reads one page of subscriptions, then hangs on the next: to the run record it looks exactly like a killed process.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pages = 0;
    const hanging: LegacySource = {
      ...sample.source,
      subscriptions: async (after, limit) => {
        pages += 1;
        if (pages === 2) await gate;
        return sample.source.subscriptions(after, Math.min(limit ?? 10, 10));
      },
    };
    const run = await createImportRun(db, hanging, { dryRun: true });
    const original = continueImportRun(db, run.id, hanging).then(
      () => "finished",
      (error: Error) => error.name,
    );
    await vi.waitFor(async () => expect((await db.legacyImportRun.findUniqueOrThrow({ where: { id: run.id } })).processed).toBe(24 + 5 + 10), { timeout: 20_000 });

    expect((await admin.legacyBilling.imports.get({ id: run.id }))!.state).toBe("running");
    const early = await admin.legacyBilling.imports.resume({ id: run.id }).catch((e: Error) => e);
    expect((early as Error).message).toMatch(/still running .*only a failed or stalled run can be resumed/);

    await ageHeartbeat("import", run.id);
    expect((await admin.legacyBilling.imports.get({ id: run.id }))!.state).toBe("stalled");
    expect((await listImportRuns(db, { state: "stalled" })).rows.map((r) => r.id)).toEqual([run.id]);

    // Two resumes at once (a double click, two tabs): exactly one claims the run.
    captureSends();
    const resumes = await Promise.allSettled([admin.legacyBilling.imports.resume({ id: run.id }), admin.legacyBilling.imports.resume({ id: run.id })]);
    expect(resumes.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(resumes.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT"]);
    expect(sent).toHaveLength(1);

    const { result, error } = await new InngestTestEngine({ function: runLegacyImport }).execute({ events: [sent[0]!] as never });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ runId: run.id, status: "completed", processed: run.total });

    // The original worker comes back: its lease is gone, it writes nothing and does not mark the run failed.
    release();
    expect(await original).toBe("LeaseLostError");
    const finished = await db.legacyImportRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "completed", processed: run.total, error: null });
    for (const key of ["created", "updated", "unchanged", "skipped", "failed"] as const) expect(finished[key]).toBe(uninterrupted[key]);
    expect(await rowOutcomes(run.id)).toEqual(await rowOutcomes(uninterrupted.id));
  });

  it("a live run killed mid-phase and resumed writes every shadow once", async () => {
    const run = await createImportRun(db, sample.source, { dryRun: false });
    await continueImportRun(db, run.id, sample.source, { onlyPhase: "users" });
    // A reconciliation would read shadows this run is still writing.
    await expect(createReconciliationRun(db, { tolerance: "0.01" })).rejects.toThrow(/A live import is running/);
    await ageHeartbeat("import", run.id);
    captureSends();
    await callerFor(await createTestUser("PROVIDER_ADMIN")).legacyBilling.imports.resume({ id: run.id });
    const { error } = await new InngestTestEngine({ function: runLegacyImport }).execute({ events: [sent[0]!] as never });
    expect(error).toBeUndefined();
    const subs = await db.billingSubscription.findMany({ where: { shadow: true }, select: { externalId: true } });
    expect(new Set(subs.map((s) => s.externalId)).size).toBe(subs.length);
    expect(await db.legacyImportRowResult.count({ where: { runId: run.id } })).toBe(run.total);
    expect(subs.length).toBe((await db.legacyImportRun.findUniqueOrThrow({ where: { id: run.id } })).created - 22 - 5);
  });
});

describe("a killed reconciliation run", { timeout: 90_000 }, () => {
  it("resumes after its first batch through the Inngest function with the same rows and counts as an uninterrupted run", async () => {
    const uninterrupted = await runReconciliation(db, sample.source, { tolerance: "0.01" });
    const before = await reconciliationSnapshot();
    expect(before.length).toBeGreaterThan(30);

    const run = await createReconciliationRun(db, { tolerance: "0.01" });
    // Step 0 of the function, then the process dies.
    expect(await executeReconciliationBatch(db, run.id, run.leaseId!)).toEqual({ done: false });
    await ageHeartbeat("reconciliation", run.id);
    expect((await listReconciliationRuns(db, { state: "stalled" })).rows.map((r) => r.id)).toEqual([run.id]);
    await expect(createImportRun(db, sample.source, { dryRun: false })).rejects.toThrow(/A reconciliation run is still running \(or stalled\)/);
    const midway = await db.legacyReconciliationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(midway.processed).toBe(25);

    captureSends();
    await callerFor(await createTestUser("PROVIDER_ADMIN")).legacyBilling.reconciliation.resume({ id: run.id });
    // The old worker's next batch is refused before it writes anything.
    expect(await executeReconciliationBatch(db, run.id, run.leaseId!)).toEqual({ done: true, takenOver: true });
    expect((await db.legacyReconciliationRun.findUniqueOrThrow({ where: { id: run.id } })).processed).toBe(25);

    const { result, error } = await new InngestTestEngine({ function: runLegacyReconciliation }).execute({ events: [sent[0]!] as never });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "completed" });
    const resumed = await db.legacyReconciliationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(resumed).toMatchObject({ status: "completed", processed: uninterrupted.total, error: null });
    for (const key of ["match", "delta", "resolved", "notImported", "periods"] as const) expect(resumed[key]).toEqual(uninterrupted[key]);
    expect(await reconciliationSnapshot()).toEqual(before);
  });

  it("a column that disappears mid-run fails the run naming the column; resumed after the fix, it completes", async () => {
    const before = await reconciliationSnapshot();
    const run = await createReconciliationRun(db, { tolerance: "0.01" });
    expect(await executeReconciliationBatch(db, run.id, run.leaseId!)).toEqual({ done: false });
    await withClient(sample.url, (c) => c.query("ALTER TABLE usage_records RENAME COLUMN cpu_seconds TO cpu_secs"));
    try {
      await expect(executeReconciliationBatch(db, run.id, run.leaseId!)).rejects.toThrow(/is missing usage_records\.cpu_seconds/);
      const failed = (await listReconciliationRuns(db, { id: run.id })).rows[0]!;
      expect(failed).toMatchObject({ state: "failed", processed: 25 });
      expect(failed.error).toMatch(/usage_records\.cpu_seconds/);
      // A source opened before the change names the column too when a read hits it.
      await expect(sample.source.query("SELECT cpu_seconds FROM usage_records LIMIT 1")).rejects.toThrow(
        /changed shape while being read: it is now missing usage_records\.cpu_seconds\. Restore it, then resume the run/,
      );
      const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
      const refused = await admin.legacyBilling.reconciliation.resume({ id: run.id }).catch((e: { code: string; message: string }) => e);
      expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/usage_records\.cpu_seconds/) });
    } finally {
      await withClient(sample.url, (c) => c.query("ALTER TABLE usage_records RENAME COLUMN cpu_secs TO cpu_seconds"));
    }
    captureSends();
    await callerFor(await createTestUser("PROVIDER_ADMIN")).legacyBilling.reconciliation.resume({ id: run.id });
    const { error } = await new InngestTestEngine({ function: runLegacyReconciliation }).execute({ events: [sent[0]!] as never });
    expect(error).toBeUndefined();
    expect(await db.legacyReconciliationRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "completed", error: null });
    expect(await reconciliationSnapshot()).toEqual(before);
  });
});

describe("run history", () => {
  it("pages newest first and filters by state and mode", async () => {
    const all = await listImportRuns(db, { limit: 100 });
    expect(all.rows.length).toBeGreaterThanOrEqual(3);
    const first = await listImportRuns(db, { limit: 2 });
    const second = await listImportRuns(db, { limit: 2, cursor: first.nextCursor! });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.rows.slice(0, 4).map((r) => r.id));
    expect(all.rows.map((r) => r.startedAt.getTime())).toEqual([...all.rows.map((r) => r.startedAt.getTime())].sort((a, b) => b - a));
    expect((await listImportRuns(db, { mode: "live", limit: 100 })).rows.every((r) => !r.dryRun)).toBe(true);
    expect((await listImportRuns(db, { mode: "dry", limit: 100 })).rows.every((r) => r.dryRun)).toBe(true);
    expect((await listImportRuns(db, { state: "completed", limit: 100 })).rows.every((r) => r.state === "completed")).toBe(true);
    expect(all.rows.every((r) => !("leaseId" in r))).toBe(true);
    const recon = await listReconciliationRuns(db, { limit: 1 });
    expect(recon.rows).toHaveLength(1);
    expect(recon.nextCursor).not.toBeNull();
  });
});
