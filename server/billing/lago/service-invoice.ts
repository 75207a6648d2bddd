/** One of the service's invoices in Lago's shape, with its fees and the signed PDF link once issued. */
import type { DbOrTx } from "@/server/db";
import { signedDocumentUrl } from "../api/document-url";
import { getInvoiceOrThrow } from "../invoices/invoices";
import { lagoInvoiceJson } from "./invoice-json";

export async function serviceInvoiceJson(db: DbOrTx, serviceId: string, invoiceId: string) {
  const invoice = await getInvoiceOrThrow(db, invoiceId, { serviceId });
  const link = await db.billingAccountLink.findFirst({ where: { serviceId, customerId: invoice.customerId }, select: { externalId: true } });
  return lagoInvoiceJson(invoice, {
    externalCustomerId: link?.externalId ?? null,
    fileUrl: invoice.number ? signedDocumentUrl("invoice", invoice.id) : null,
  });
}

/** Lago's webhook for an invoice event (invoice.created, invoice.payment_status_updated): the invoice as the service's API shows it, read when sent. */
export function lagoInvoiceWebhook(db: DbOrTx, serviceId: string, invoiceId: string, webhookType: "invoice.created" | "invoice.payment_status_updated") {
  return { webhookType, objectType: "invoice", load: () => serviceInvoiceJson(db, serviceId, invoiceId) };
}
