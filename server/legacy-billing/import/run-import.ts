/**
 * The shadow import run: identities, then catalog, then subscriptions, each
 * read from the legacy database in id order. Every row is decided, written
 * (live runs only), recorded and checkpointed in ONE transaction, so a crash
 * leaves nothing half-written and a resumed run starts at the next row.
 * Dry runs write nothing but the run and its per-row results.
 */
import type { Db } from "@/server/db";
import type { LegacyImportOutcome } from "@/server/generated/prisma/client";
import { enterLease, LeaseLostError, newLeaseId } from "../runs/run-lease";
import { LegacySourceError } from "../source/legacy-source-error";
import type { LegacyPage, LegacySource } from "../source/open-legacy-source";
import {
  applyPlan,
  applySubscription,
  applyUser,
  compareShadow,
  planPlan,
  planSubscription,
  planUser,
  RowFailure,
  RowSkipped,
  type ImportEntity,
} from "./import-rows";

export const IMPORT_PHASES = ["users", "plans", "subscriptions"] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number] | "done";
const ENTITY: Record<(typeof IMPORT_PHASES)[number], ImportEntity> = { users: "user", plans: "plan", subscriptions: "subscription" };
const PAGE = 200;

export class ImportRunError extends Error {
  override name = "ImportRunError";
}

/** Creates the run record (dry run unless `dryRun: false`) with the first worker's lease. */
export async function createImportRun(db: Db, source: LegacySource, opts: { dryRun?: boolean; userId?: string | null } = {}) {
  const running = await db.legacyImportRun.findFirst({ where: { status: "running" }, select: { id: true } });
  if (running) throw new ImportRunError("Another import run is still running (or stalled): resume or wait for it");
  // A live import moves the shadows a reconciliation is reading; a dry run writes none.
  const reconciling = opts.dryRun === false && (await db.legacyReconciliationRun.findFirst({ where: { status: "running" }, select: { id: true } }));
  if (reconciling) throw new ImportRunError("A reconciliation run is still running (or stalled): import once it has completed");
  const counts = await source.counts();
  return db.legacyImportRun.create({
    data: { dryRun: opts.dryRun ?? true, startedById: opts.userId ?? null, total: counts.users + counts.plans + counts.subscriptions, leaseId: newLeaseId() },
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Moves the run under the worker's lease; a lease taken by a resume refuses the write (and its row's transaction). */
async function updateLeased(db: Db | Tx, runId: string, leaseId: string, data: Parameters<Db["legacyImportRun"]["updateMany"]>[0]["data"]) {
  const { count } = await db.legacyImportRun.updateMany({ where: { id: runId, leaseId }, data: { ...data, heartbeatAt: new Date() } });
  if (count !== 1) throw new LeaseLostError(runId);
}

interface Decision {
  outcome: LegacyImportOutcome;
  reason: string | null;
  label: string;
  write?: (tx: Tx) => Promise<void>;
}

async function parentOutcome(db: Db, runId: string, entity: ImportEntity, legacyId: string) {
  const row = await db.legacyImportRowResult.findUnique({ where: { runId_entity_legacyId: { runId, entity, legacyId } }, select: { outcome: true } });
  return row?.outcome ?? null;
}

async function decide(db: Db, runId: string, entity: ImportEntity, row: Record<string, unknown>): Promise<Decision> {
  try {
    if (entity === "user") {
      const user = row as unknown as Parameters<typeof planUser>[0];
      const label = user.email ?? user.billingEmail ?? user.fullName ?? user.id;
      const plan = planUser(user);
      return { outcome: await compareShadow(db, "user", user.id, plan.fingerprint), reason: null, label, write: (tx) => applyUser(tx, user, plan) };
    }
    if (entity === "plan") {
      const legacy = row as unknown as Parameters<typeof planPlan>[0];
      const plan = planPlan(legacy);
      return { outcome: await compareShadow(db, "plan", legacy.id, plan.fingerprint), reason: null, label: legacy.name, write: (tx) => applyPlan(tx, legacy, plan) };
    }
    const sub = row as unknown as Parameters<typeof planSubscription>[0];
    const label = `subscription ${sub.id.slice(0, 8)} (deployment ${sub.deploymentId.slice(0, 8)})`;
    const plan = planSubscription(sub);
    const user = await parentOutcome(db, runId, "user", sub.userId);
    if (user === "failed" || user === "skipped") throw new RowSkipped(`its user ${sub.userId} was not imported (${user})`);
    if (!user) throw new RowSkipped(`its user ${sub.userId} was not read in this run (added after the run started?); the next run picks it up`);
    if (!sub.planId) throw new RowFailure("no plan");
    const legacyPlan = await parentOutcome(db, runId, "plan", sub.planId);
    if (legacyPlan === "failed" || legacyPlan === "skipped") throw new RowSkipped(`its plan ${sub.planId} was not imported (${legacyPlan})`);
    if (!legacyPlan) throw new RowFailure(`unknown plan ${sub.planId}`);
    return { outcome: await compareShadow(db, "subscription", sub.id, plan.fingerprint), reason: null, label, write: (tx) => applySubscription(tx, sub, plan) };
  } catch (error) {
    const label = String(row.email ?? row.name ?? row.id);
    if (error instanceof RowFailure) return { outcome: "failed", reason: error.message, label };
    if (error instanceof RowSkipped) return { outcome: "skipped", reason: error.message, label };
    throw error;
  }
}

function reader(source: LegacySource, phase: (typeof IMPORT_PHASES)[number]): (after: string | null) => Promise<LegacyPage<Record<string, unknown>>> {
  const read = { users: source.users, plans: source.plans, subscriptions: source.subscriptions }[phase];
  return (after) => read(after, PAGE) as unknown as Promise<LegacyPage<Record<string, unknown>>>;
}

/** Records one row's result and moves the checkpoint and heartbeat, with the row's writes, atomically. */
async function processRow(db: Db, runId: string, leaseId: string, dryRun: boolean, entity: ImportEntity, row: Record<string, unknown>) {
  const legacyId = String(row.id);
  const decision = await decide(db, runId, entity, row);
  let { outcome, reason } = decision;
  const record = async (tx: Tx) => {
    // The lease first: a fenced-off worker must not even try the row's insert.
    await updateLeased(tx, runId, leaseId, { checkpoint: legacyId, processed: { increment: 1 }, [outcome]: { increment: 1 } });
    await tx.legacyImportRowResult.create({ data: { runId, entity, legacyId, label: decision.label.slice(0, 200), outcome, reason } });
  };
  try {
    await db.$transaction(async (tx) => {
      if (!dryRun && decision.write && outcome !== "unchanged") await decision.write(tx);
      await record(tx);
    });
  } catch (error) {
    if (error instanceof LeaseLostError) throw error;
    // A write the database refused (e.g. a unique clash) fails this row only.
    if (error instanceof RowSkipped) [outcome, reason] = ["skipped", error.message];
    else [outcome, reason] = ["failed", `could not be written (${(error as { code?: string }).code ?? (error as Error).name})`];
    await db.$transaction(record);
  }
}

/**
 * Runs (or resumes) a run from its phase and checkpoint to the end, as the
 * worker holding `leaseId` (the run's own lease unless given). A source
 * failure marks the run failed with a clear reason; calling this again with
 * the lease resumes it at the next unprocessed row. Throws LeaseLostError,
 * having written nothing more, once a resume has taken the run over.
 */
export async function continueImportRun(db: Db, runId: string, source: LegacySource, opts: { onlyPhase?: ImportPhase; leaseId?: string } = {}) {
  let run = await db.legacyImportRun.findUniqueOrThrow({ where: { id: runId } });
  const leaseId = opts.leaseId ?? run.leaseId ?? "";
  if (!(await enterLease(db, "import", runId, leaseId))) return run;
  run = await db.legacyImportRun.findUniqueOrThrow({ where: { id: runId } });
  try {
    while (run.phase !== "done") {
      const phase = run.phase as (typeof IMPORT_PHASES)[number];
      if (opts.onlyPhase && opts.onlyPhase !== phase) break;
      const read = reader(source, phase);
      let after = run.checkpoint;
      for (;;) {
        const page = await read(after);
        for (const row of page.rows) await processRow(db, runId, leaseId, run.dryRun, ENTITY[phase], row);
        if (!page.next) break;
        after = page.next;
      }
      const next = IMPORT_PHASES[IMPORT_PHASES.indexOf(phase) + 1] ?? "done";
      await updateLeased(db, runId, leaseId, { phase: next, checkpoint: null, ...(next === "done" ? { status: "completed", finishedAt: new Date() } : {}) });
      run = await db.legacyImportRun.findUniqueOrThrow({ where: { id: runId } });
    }
    return run;
  } catch (error) {
    if (error instanceof LeaseLostError) throw error;
    const message = error instanceof LegacySourceError ? error.message : "The import stopped unexpectedly; resume it to continue from the last row";
    await db.legacyImportRun.updateMany({ where: { id: runId, leaseId }, data: { status: "failed", error: message } });
    throw error;
  }
}
