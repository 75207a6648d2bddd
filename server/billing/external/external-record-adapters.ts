/**
 * External invoices and payments as sync entities: they have links (Ascora
 * Guid ↔ our row), show on the sync dashboard by a readable label, and are
 * read-only to the field-by-field engine, because they arrive whole through
 * the Accounting API import (import-ascora-accounting.ts), never by a pull.
 */
import { ConnectorError } from "@/server/crm/connector";
import type { LocalRecord, SyncEntityAdapter } from "@/server/crm/entities/entity-adapter";

function readOnly(entity: string): never {
  throw new ConnectorError("config", `${entity} records are imported whole through Ascora's Accounting API, not synced field by field`);
}

export const externalInvoiceAdapter: SyncEntityAdapter = {
  entity: "external_invoice",
  async load(db, ids) {
    const rows = await db.externalInvoice.findMany({ where: { id: { in: [...ids] } } });
    return new Map<string, LocalRecord>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          label: `Invoice ${r.invoiceNumber}`,
          values: { invoiceNumber: r.invoiceNumber, invoiceDate: r.invoiceDate, total: r.total.toFixed(), customerId: r.customerId },
        },
      ]),
    );
  },
  apply: () => readOnly("Invoice"),
  createFromRemote: () => readOnly("Invoice"),
};

export const externalPaymentAdapter: SyncEntityAdapter = {
  entity: "external_payment",
  async load(db, ids) {
    const rows = await db.externalPayment.findMany({ where: { id: { in: [...ids] } }, include: { invoice: { select: { invoiceNumber: true } } } });
    return new Map<string, LocalRecord>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          label: `Payment on ${r.invoice.invoiceNumber}`,
          values: { amount: r.amount.toFixed(), paymentDate: r.paymentDate, invoiceId: r.invoiceId, customerId: r.customerId },
        },
      ]),
    );
  },
  apply: () => readOnly("Payment"),
  createFromRemote: () => readOnly("Payment"),
};
