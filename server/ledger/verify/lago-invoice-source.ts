/**
 * Verifies `lago:…` invoices through Lago's documented
 * GET /api/v1/invoices/{lago_id}, over the guarded fetch (the URL is an
 * admin's setting: it is resolved and checked like every outbound call).
 */
import { z } from "zod";
import { fromMinorUnits } from "@/server/billing/money/currency";
import { createGuardedFetch } from "@/server/net/guarded-fetch";
import type { LedgerConfig } from "../ledger-config";
import type { InvoiceSource } from "./source-facts";

// The fields of Lago's invoice object the ledger reads (Lago API reference, "Retrieve an invoice").
const lagoInvoiceSchema = z.object({
  invoice: z.object({
    lago_id: z.string(),
    issuing_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    status: z.string(),
    payment_status: z.string(),
    currency: z.string(),
    total_amount_cents: z.number().int(),
    total_paid_amount_cents: z.number().int().optional(),
  }),
});

const TIMEOUT_MS = 15_000;

export function lagoInvoiceSource(config: Pick<LedgerConfig, "lagoApiUrl" | "lagoApiKey" | "allowLoopback">): InvoiceSource {
  const fetchGuarded = createGuardedFetch({ allowLoopback: config.allowLoopback });
  return async (processorId, currency) => {
    if (!config.lagoApiUrl || !config.lagoApiKey) return { ok: false, reason: "Lago is not configured (LAGO_API_URL, LAGO_API_KEY): cannot verify" };
    const lagoId = processorId.replace(/^lago:/, "");
    const url = `${config.lagoApiUrl.replace(/\/+$/, "")}/api/v1/invoices/${encodeURIComponent(lagoId)}`;
    let response: Response;
    try {
      response = await fetchGuarded(url, { headers: { authorization: `Bearer ${config.lagoApiKey}`, accept: "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      return { ok: false, reason: "Lago is unreachable; will retry" };
    }
    if (response.status === 404) return { ok: false, reason: `Lago has no invoice ${lagoId}` };
    if (response.status === 401) return { ok: false, reason: "Lago refused the API key" };
    if (!response.ok) return { ok: false, reason: `Lago answered ${response.status}; will retry` };
    const parsed = lagoInvoiceSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) return { ok: false, reason: "Lago's answer was not an invoice" };
    const invoice = parsed.data.invoice;
    const cur = (invoice.currency || currency).toUpperCase();
    const paid = invoice.payment_status === "succeeded";
    const issued = new Date(`${invoice.issuing_date}T00:00:00Z`);
    return {
      ok: true,
      source: "lago",
      facts: {
        invoiceDate: issued,
        state: invoice.status === "voided" ? "void" : invoice.status === "finalized" ? "final" : "draft",
        paid,
        // Lago's invoice has no payment timestamp; the seed's backfill dated Lago payments by the issuing date.
        paidAt: paid ? issued : null,
        amountPaid: fromMinorUnits(paid ? (invoice.total_paid_amount_cents ?? invoice.total_amount_cents) : 0, cur),
        total: fromMinorUnits(invoice.total_amount_cents, cur),
      },
    };
  };
}
