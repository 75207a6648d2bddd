/**
 * Writing one external invoice or payment: the row, its lines, its sync link
 * and the closing of an earlier issue about it, in one transaction (a crash
 * leaves all of it or none). Upserts on (connection, Ascora Guid): a record
 * Ascora sends again because our mark was lost updates its row, never adds one.
 */
import type { DbOrTx } from "@/server/db";
import { ASCORA_MODULES } from "@/server/crm/connectors/ascora/ascora-defaults";
import type { ParsedInvoice, ParsedPayment } from "./parse-ascora-accounting";

export type IssueKind = "invoice" | "payment";

async function linkRecord(tx: DbOrTx, connectionId: string, entity: string, entityId: string, module: string, externalId: string, now: Date) {
  await tx.syncLink.upsert({
    where: { connectionId_entity_entityId: { connectionId, entity, entityId } },
    create: { connectionId, entity, entityId, module, externalId, status: "SYNCED", lastSyncedAt: now },
    update: { status: "SYNCED", lastSyncedAt: now, lastError: null },
  });
}

async function resolveIssues(tx: DbOrTx, connectionId: string, kind: IssueKind, remoteIds: string[], now: Date) {
  await tx.externalImportIssue.updateMany({
    where: { connectionId, kind, remoteId: { in: remoteIds }, resolvedAt: null },
    data: { resolvedAt: now },
  });
}

export async function storeExternalInvoice(
  tx: DbOrTx,
  input: { connectionId: string; customerId: string; invoice: ParsedInvoice; rawId: string; now: Date },
): Promise<string> {
  const { connectionId, customerId, invoice: inv, now } = input;
  const values = {
    customerId,
    invoiceNumber: inv.invoiceNumber,
    invoiceDate: inv.invoiceDate,
    dueDate: inv.dueDate,
    amountExTax: inv.amountExTax,
    adjustedAmountExTax: inv.adjustedAmountExTax,
    tax: inv.tax,
    total: inv.total,
  };
  const row = await tx.externalInvoice.upsert({
    where: { connectionId_remoteId: { connectionId, remoteId: inv.remoteId } },
    create: { connectionId, remoteId: inv.remoteId, ...values },
    update: values,
    select: { id: true },
  });
  await tx.externalInvoiceLine.deleteMany({ where: { invoiceId: row.id } });
  if (inv.lines.length) await tx.externalInvoiceLine.createMany({ data: inv.lines.map((l) => ({ ...l, invoiceId: row.id })) });
  await linkRecord(tx, connectionId, "external_invoice", row.id, ASCORA_MODULES.invoices, inv.remoteId, now);
  await resolveIssues(tx, connectionId, "invoice", [input.rawId, inv.remoteId], now);
  return row.id;
}

export async function storeExternalPayment(
  tx: DbOrTx,
  input: { connectionId: string; invoice: { id: string; customerId: string }; payment: ParsedPayment; rawId: string; now: Date },
): Promise<string> {
  const { connectionId, payment: p, now } = input;
  const values = {
    invoiceId: input.invoice.id,
    customerId: input.invoice.customerId,
    paymentDate: p.paymentDate,
    amount: p.amount,
    method: p.method,
    reference: p.reference,
  };
  const row = await tx.externalPayment.upsert({
    where: { connectionId_remoteId: { connectionId, remoteId: p.remoteId } },
    create: { connectionId, remoteId: p.remoteId, ...values },
    update: values,
    select: { id: true },
  });
  await linkRecord(tx, connectionId, "external_payment", row.id, ASCORA_MODULES.payments, p.remoteId, now);
  await resolveIssues(tx, connectionId, "payment", [input.rawId, p.remoteId], now);
  return row.id;
}

/** Records (or refreshes) why a record was not stored; it stays unmarked in Ascora and comes back. */
export async function recordImportIssue(
  db: DbOrTx,
  input: { connectionId: string; kind: IssueKind; remoteId: string; reason: string; waiting: boolean; now: Date },
): Promise<void> {
  const { connectionId, kind, remoteId, reason, waiting, now } = input;
  await db.externalImportIssue.upsert({
    where: { connectionId_kind_remoteId: { connectionId, kind, remoteId } },
    create: { connectionId, kind, remoteId, reason, waiting, firstSeenAt: now, lastSeenAt: now },
    update: { reason, waiting, lastSeenAt: now, seenCount: { increment: 1 }, resolvedAt: null },
  });
}
