/**
 * Run history for the console, newest first, in keyset pages, filtered by
 * state ("stalled" is a running run whose heartbeat is older than
 * STALL_AFTER_MS) and, for imports, by dry run / live. Each run carries its
 * derived `state`.
 */
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { runState, STALL_AFTER_MS, type RunState } from "./run-lease";

export interface RunFilter {
  /** One run (the console's progress bar follows the selected run on any page). */
  id?: string;
  state?: RunState;
  cursor?: string;
  limit?: number;
  now?: Date;
}

function stateWhere({ id, state }: RunFilter, now: Date) {
  const stale = new Date(now.getTime() - STALL_AFTER_MS);
  const byId = id ? { id } : {};
  if (state === "stalled") return { ...byId, status: "running" as const, heartbeatAt: { lt: stale } };
  if (state === "running") return { ...byId, status: "running" as const, heartbeatAt: { gte: stale } };
  return state ? { ...byId, status: state } : byId;
}

function page<T extends { id: string; status: "running" | "completed" | "failed"; heartbeatAt: Date }>(rows: T[], limit: number, now: Date) {
  const shown = rows.slice(0, limit);
  return { rows: shown.map((r) => ({ ...r, state: runState(r, now) })), nextCursor: rows.length > limit ? shown[shown.length - 1]!.id : null };
}

const ORDER = [{ startedAt: "desc" as const }, { id: "desc" as const }];

export async function listImportRuns(db: DbOrTx, filter: RunFilter & { mode?: "dry" | "live" } = {}) {
  const now = filter.now ?? new Date();
  const limit = filter.limit ?? 10;
  const where: Prisma.LegacyImportRunWhereInput = { ...stateWhere(filter, now), ...(filter.mode ? { dryRun: filter.mode === "dry" } : {}) };
  const rows = await db.legacyImportRun.findMany({
    where,
    orderBy: ORDER,
    take: limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    omit: { leaseId: true },
  });
  return page(rows, limit, now);
}

export async function listReconciliationRuns(db: DbOrTx, filter: RunFilter = {}) {
  const now = filter.now ?? new Date();
  const limit = filter.limit ?? 10;
  const rows = await db.legacyReconciliationRun.findMany({
    where: stateWhere(filter, now),
    orderBy: ORDER,
    take: limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    omit: { leaseId: true },
  });
  return page(
    rows.map((r) => ({ ...r, tolerance: r.tolerance.toFixed(2) })),
    limit,
    now,
  );
}
