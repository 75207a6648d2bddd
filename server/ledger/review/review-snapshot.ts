/**
 * What the source says about an invoice when a change to a posted entry's
 * source is recorded: kept on the review item, so an admin sees both sides
 * (the posted lines and this) and an adjusting draft can be built from it
 * later without reading the legacy database again.
 */
import { z } from "zod";
import type { LegacyInvoice } from "../legacy-invoice";

const reviewSnapshotSchema = z.object({
  processorId: z.string().nullable(),
  number: z.string().nullable(),
  partner: z.string().nullable(),
  currency: z.string(),
  subtotal: z.string(),
  tax: z.string(),
  total: z.string(),
  legacyDate: z.string(),
  items: z.array(z.object({ description: z.string(), quantity: z.string(), unitPrice: z.string(), amount: z.string() })),
});
export type ReviewSnapshot = z.infer<typeof reviewSnapshotSchema>;

export function snapshotOf(invoice: LegacyInvoice): ReviewSnapshot {
  return {
    processorId: invoice.processorId,
    number: invoice.number,
    partner: invoice.partner,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    legacyDate: invoice.legacyDate.toISOString(),
    items: invoice.items.map((i) => ({ description: i.description, quantity: i.quantity, unitPrice: i.unitPrice, amount: i.amount })),
  };
}

/** The stored snapshot, or null for items recorded before snapshots were kept. */
export function readSnapshot(value: unknown): ReviewSnapshot | null {
  const parsed = reviewSnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The snapshot back in the ingest's shape, to book it. */
export function invoiceOf(legacyId: string, snapshot: ReviewSnapshot): LegacyInvoice {
  return { ...snapshot, id: legacyId, legacyDate: new Date(snapshot.legacyDate), legacyStatus: "changed upstream" };
}
