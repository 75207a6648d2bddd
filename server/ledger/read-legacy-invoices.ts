/**
 * Reads the legacy database's invoices (read-only, through the legacy
 * source) into the ledger's shape. The partner is the user's company, else
 * their name, else their e-mail, as the seed's backfill found the company
 * field to be the billed name.
 */
import type { LegacySource } from "@/server/legacy-billing/source/open-legacy-source";
import type { LegacyInvoice } from "./legacy-invoice";

export async function readLegacyInvoices(source: LegacySource): Promise<LegacyInvoice[]> {
  const partners = new Map<string, string | null>();
  for await (const user of source.stream((after) => source.users(after))) {
    partners.set(user.id, user.company ?? user.fullName ?? user.email ?? user.billingEmail);
  }
  const invoices: LegacyInvoice[] = [];
  for await (const invoice of source.stream((after) => source.invoices(after))) {
    invoices.push({
      id: invoice.id,
      processorId: invoice.stripeInvoiceId,
      number: invoice.invoiceNumber,
      partner: partners.get(invoice.userId) ?? null,
      currency: invoice.currency.toUpperCase(),
      subtotal: invoice.subtotal,
      tax: invoice.tax,
      total: invoice.total,
      legacyDate: invoice.createdAt,
      legacyStatus: invoice.status,
      items: invoice.items.map((item) => ({ description: item.description, quantity: item.quantity, unitPrice: item.unitPrice, amount: item.amount })),
    });
  }
  return invoices;
}
