import type { DbOrTx } from "@/server/db";
import { migrationNotFound } from "./errors";

/** A run with its items in wizard order and its customer's name: the wizard page, the summary and the CSV. */
export async function getRunOrThrow(db: DbOrTx, runId: string) {
  const run = await db.contractMigrationRun.findUnique({
    where: { id: runId },
    include: { items: { orderBy: { seq: "asc" }, select: { id: true, seq: true, kind: true, externalId: true, title: true, hoursText: true, state: true, cardId: true, minutes: true, reason: true, error: true, processedAt: true, raw: true } } },
  });
  if (!run) throw migrationNotFound("No such migration run.");
  const customer = await db.customer.findUnique({ where: { id: run.customerId }, select: { id: true, name: true } });
  const connection = await db.crmConnection.findUnique({ where: { id: run.connectionId }, select: { name: true } });
  const next = run.items.find((i) => i.state === "pending") ?? null;
  return { ...run, customerName: customer?.name ?? "(deleted customer)", connectionName: connection?.name ?? "(deleted connection)", nextItemId: next?.id ?? null };
}

/** Runs, newest first, for the runs list. */
export async function listRuns(db: DbOrTx, paging: { page: number; pageSize: number }) {
  const [rows, total] = await Promise.all([
    db.contractMigrationRun.findMany({ orderBy: { createdAt: "desc" }, skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize }),
    db.contractMigrationRun.count(),
  ]);
  const customers = await db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, name: true } });
  const names = new Map(customers.map((c) => [c.id, c.name]));
  return { rows: rows.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? "(deleted customer)" })), total, ...paging };
}

/** The run's audit trail, oldest first. */
export function listRunAudit(db: DbOrTx, runId: string) {
  return db.contractMigrationAudit.findMany({ where: { runId }, orderBy: { createdAt: "asc" }, take: 500 });
}
