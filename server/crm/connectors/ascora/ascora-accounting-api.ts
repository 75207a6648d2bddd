/**
 * Ascora's published Accounting API ("Ascora Accounting API", Ascora's
 * support site), followed as written:
 *   GET  /invoicedetails[/{CompanyId}]?InvoicesPriorToDate=…  → { Results: InvoiceHeader[] }
 *        invoices dated before that date not yet marked as sent to accounting
 *   POST /MarkInvoice  { InvoiceIds: Guid[] }
 *   GET  /payments                                            → { Results: Payment[] }
 *        payments not yet sent, linked to invoices already marked
 *   POST /MarkPayment  { PaymentIds: Guid[] }
 * Basic authentication with an Ascora account on every call. An invoice or
 * payment that is not marked comes back on every later call, which is what
 * makes our import safe: we mark only after our rows are committed.
 *
 * The document's InvoiceHeader fields are typed below as it names them. The
 * fields we could not read in the document (the invoice's customer and line
 * fields, the Payment class) are assumptions A1–A3 in ascora-assumed-api.ts.
 * Values are typed `unknown` where the importer must validate them (a GUID
 * that is not one, a negative amount): this client passes Ascora's answer on
 * untouched and the importer decides.
 */
import { ConnectorError } from "../../connector";
import type { AscoraHttp } from "./ascora-http";
import type { AssumedInvoiceFields, AssumedPayment } from "./ascora-assumed-api";

/** Documented InvoiceHeader fields (Guid, DateTime, string, decimal), plus assumed ones (A1, A2). */
export interface AscoraInvoiceHeader extends AssumedInvoiceFields {
  Id: unknown;
  InvoiceDate: unknown;
  InvoiceDueDate: unknown;
  InvoiceNumber: unknown;
  AmountExTax: unknown;
  AdjustedAmountExTax: unknown;
  Tax: unknown;
}

export interface InvoiceDetailResponse {
  Results: AscoraInvoiceHeader[];
}

export interface PaymentsResponse {
  Results: AssumedPayment[];
}

function resultsOf<T>(answer: unknown, operation: string): T[] {
  const results = (answer as { Results?: unknown } | null)?.Results;
  if (!Array.isArray(results)) throw new ConnectorError("transient", `Ascora's ${operation} answer has no Results list`, { operation });
  return results as T[];
}

/** Invoices before `priorTo` not yet marked as sent (for one company when `companyId` is set). */
export async function fetchInvoiceDetails(http: AscoraHttp, priorTo: Date, companyId?: string | null): Promise<AscoraInvoiceHeader[]> {
  const answer = await http.request<InvoiceDetailResponse>({
    operation: "invoicedetails",
    path: companyId ? `/invoicedetails/${encodeURIComponent(companyId)}` : "/invoicedetails",
    query: { InvoicesPriorToDate: priorTo.toISOString() },
  });
  return resultsOf<AscoraInvoiceHeader>(answer, "invoicedetails");
}

/** Marks invoices as pushed to accounting, so Ascora stops returning them. */
export async function markInvoices(http: AscoraHttp, invoiceIds: readonly string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  await http.request({ operation: "MarkInvoice", method: "POST", path: "/MarkInvoice", body: { InvoiceIds: invoiceIds } });
}

/** Payments not yet sent whose invoices are already marked. */
export async function fetchPayments(http: AscoraHttp): Promise<AssumedPayment[]> {
  const answer = await http.request<PaymentsResponse>({ operation: "payments", path: "/payments" });
  return resultsOf<AssumedPayment>(answer, "payments");
}

/** Marks payments as pushed to accounting. */
export async function markPayments(http: AscoraHttp, paymentIds: readonly string[]): Promise<void> {
  if (paymentIds.length === 0) return;
  await http.request({ operation: "MarkPayment", method: "POST", path: "/MarkPayment", body: { PaymentIds: paymentIds } });
}

/**
 * Ascora's DateTime as JSON: ISO 8601, or ServiceStack's default "/Date(ms±zone)/"
 * form (the document shows .NET classes served by ServiceStack and does not say which).
 */
export function parseAscoraDate(value: unknown): Date | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const wcf = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value.trim());
  const d = wcf ? new Date(Number(wcf[1])) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
