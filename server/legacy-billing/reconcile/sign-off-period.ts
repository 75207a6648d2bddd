/**
 * Per-period sign-off and the "ready to flip" checklist: a period can be
 * signed off only when every row is a match or resolved, and the checklist
 * is ready only after a sign-off.
 */
import type { DbOrTx } from "@/server/db";
import { ReconciliationError } from "./review-reconciliation";

export async function signOffPeriod(db: DbOrTx, period: string, user: { id: string; name: string }) {
  const rows = await db.legacyReconciliation.count({ where: { period } });
  if (rows === 0) throw new ReconciliationError("invalid_state", `Period ${period} has not been reconciled yet`);
  const open = await db.legacyReconciliation.count({ where: { period, status: "delta" } });
  if (open > 0) throw new ReconciliationError("invalid_state", `Period ${period} still has ${open} row${open === 1 ? "" : "s"} outside the tolerance: resolve ${open === 1 ? "it" : "them"} first`);
  const existing = await db.legacyPeriodSignOff.findUnique({ where: { period } });
  if (existing) return existing;
  return db.legacyPeriodSignOff.create({ data: { period, signedById: user.id, signedByName: user.name } });
}

export interface FlipChecklistItem {
  label: string;
  done: boolean;
}

/** What must hold before billing moves to Switchboard; `ready` only when every item is done. */
export async function getFlipChecklist(db: DbOrTx, period: string): Promise<{ ready: boolean; items: FlipChecklistItem[] }> {
  const [lastLive, rows, open, signOff] = await Promise.all([
    db.legacyImportRun.findFirst({ where: { dryRun: false, status: "completed" }, orderBy: { startedAt: "desc" } }),
    db.legacyReconciliation.count({ where: { period } }),
    db.legacyReconciliation.count({ where: { period, status: "delta" } }),
    db.legacyPeriodSignOff.findUnique({ where: { period } }),
  ]);
  const items: FlipChecklistItem[] = [
    { label: "A live import has completed", done: Boolean(lastLive) },
    { label: `Period ${period} is reconciled`, done: rows > 0 },
    { label: "Every row is within tolerance or resolved", done: rows > 0 && open === 0 },
    { label: signOff ? `Signed off by ${signOff.signedByName} on ${signOff.signedAt.toISOString().slice(0, 10)}` : "Period signed off", done: Boolean(signOff) },
  ];
  return { ready: items.every((i) => i.done), items };
}
