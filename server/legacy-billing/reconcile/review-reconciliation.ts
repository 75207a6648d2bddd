/**
 * Reviewing the dual run: the report (filters, keyset pages), per-period
 * delta totals for the chart, notes and resolve, and the CSV.
 */
import Decimal from "decimal.js";
import type { DbOrTx } from "@/server/db";
import type { LegacyReconciliationStatus } from "@/server/generated/prisma/client";

export class ReconciliationError extends Error {
  override name = "ReconciliationError";
  constructor(
    readonly code: "not_found" | "invalid_state",
    message: string,
  ) {
    super(message);
  }
}

export interface ReconciliationFilter {
  period?: string;
  status?: LegacyReconciliationStatus;
  cursor?: string;
  limit?: number;
}

export async function listReconciliations(db: DbOrTx, filter: ReconciliationFilter) {
  const limit = filter.limit ?? 50;
  const rows = await db.legacyReconciliation.findMany({
    where: { ...(filter.period ? { period: filter.period } : {}), ...(filter.status ? { status: filter.status } : {}) },
    orderBy: [{ period: "desc" }, { id: "asc" }],
    take: limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  const customers = await db.customer.findMany({ where: { id: { in: page.map((r) => r.customerId) } }, select: { id: true, name: true } });
  const names = new Map(customers.map((c) => [c.id, c.name]));
  return {
    rows: page.map((r) => ({
      id: r.id,
      period: r.period,
      customerName: names.get(r.customerId) ?? "(deleted customer)",
      subscriptionId: r.subscriptionId,
      legacySubscriptionId: r.legacySubscriptionId,
      switchboardAmount: r.switchboardAmount.toFixed(2),
      legacyAmount: r.legacyAmount.toFixed(2),
      delta: r.delta.toFixed(2),
      status: r.status,
      note: r.note,
      resolvedAt: r.resolvedAt,
      switchboardLines: r.switchboardLines as Array<{ description: string; amount: string }>,
      legacyLines: r.legacyLines as Array<{ description: string; amount: string; invoice?: string | null }>,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** Per period: counts by status and the summed delta, oldest first (the chart and the sign-off panel). */
export async function summarisePeriods(db: DbOrTx) {
  const groups = await db.legacyReconciliation.groupBy({ by: ["period", "status"], _count: { _all: true }, _sum: { delta: true } });
  const signOffs = await db.legacyPeriodSignOff.findMany();
  const byPeriod = new Map<string, { period: string; match: number; delta: number; resolved: number; deltaSum: Decimal }>();
  for (const g of groups) {
    const p = byPeriod.get(g.period) ?? { period: g.period, match: 0, delta: 0, resolved: 0, deltaSum: new Decimal(0) };
    p[g.status] += g._count._all;
    p.deltaSum = p.deltaSum.plus(g._sum.delta?.toString() ?? "0");
    byPeriod.set(g.period, p);
  }
  return [...byPeriod.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((p) => {
      const signed = signOffs.find((s) => s.period === p.period);
      return { ...p, deltaSum: p.deltaSum.toFixed(2), signedOff: signed ? { by: signed.signedByName, at: signed.signedAt } : null };
    });
}

/** Saves a note and optionally resolves a delta row (resolving needs a note saying why). */
export async function reviewReconciliation(db: DbOrTx, id: string, input: { note: string; resolve: boolean }, userId: string) {
  const row = await db.legacyReconciliation.findUnique({ where: { id } });
  if (!row) throw new ReconciliationError("not_found", "That reconciliation row was not found");
  if (input.resolve && row.status === "match") throw new ReconciliationError("invalid_state", "This row already matches: there is nothing to resolve");
  if (input.resolve && !input.note.trim()) throw new ReconciliationError("invalid_state", "Say why the difference is acceptable before resolving it");
  const signed = await db.legacyPeriodSignOff.findUnique({ where: { period: row.period } });
  if (signed) throw new ReconciliationError("invalid_state", `Period ${row.period} is signed off; its rows can no longer change`);
  return db.legacyReconciliation.update({
    where: { id },
    data: {
      note: input.note.trim() || null,
      ...(input.resolve ? { status: "resolved", resolvedAt: new Date(), resolvedById: userId } : {}),
    },
  });
}

function csvCell(value: string): string {
  // Leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function reconciliationCsv(db: DbOrTx, filter: Omit<ReconciliationFilter, "cursor" | "limit">): Promise<string> {
  const lines = [["period", "customer", "subscription", "legacy_subscription", "switchboard_amount", "legacy_amount", "delta", "status", "note"].join(",")];
  let cursor: string | undefined;
  do {
    const page = await listReconciliations(db, { ...filter, cursor, limit: 500 });
    for (const r of page.rows) {
      lines.push(
        [r.period, r.customerName, r.subscriptionId, r.legacySubscriptionId, r.switchboardAmount, r.legacyAmount, r.delta, r.status, r.note ?? ""]
          .map(csvCell)
          .join(","),
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return `${lines.join("\n")}\n`;
}
