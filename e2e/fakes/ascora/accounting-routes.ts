/**
 * The documented Accounting API, as Ascora's document states it:
 * GET /invoicedetails[/{CompanyId}]?InvoicesPriorToDate, POST /MarkInvoice
 * {InvoiceIds}, GET /payments (only payments of invoices already marked),
 * POST /MarkPayment {PaymentIds}. Unmarked records come back on every call.
 * Test code only.
 */
import { GUID_RE, errorBody, type FakeRequest, type FakeResponse, type FakeRouteModule } from "./fake-ascora-router";

function invoiceDetails(req: FakeRequest): FakeResponse {
  const raw = req.query.get("InvoicesPriorToDate") ?? req.query.get("invoicesPriorToDate");
  const priorTo = raw ? new Date(raw) : null;
  if (!priorTo || Number.isNaN(priorTo.getTime())) {
    return { status: 400, body: errorBody("ArgumentException", "InvoicesPriorToDate is required and must be a date") };
  }
  const companyId = req.params.companyId;
  const results = [...req.state.invoices.values()]
    .filter((e) => !e.marked)
    .filter((e) => !companyId || e.companyId?.toLowerCase() === companyId.toLowerCase())
    .filter((e) => {
      const d = new Date(String(e.record.InvoiceDate));
      return Number.isNaN(d.getTime()) || d < priorTo;
    })
    .map((e) => e.record);
  return { status: 200, body: { Results: results } };
}

function markIds(req: FakeRequest, field: "InvoiceIds" | "PaymentIds", store: "invoices" | "payments"): FakeResponse {
  const ids = (req.body as Record<string, unknown> | undefined)?.[field];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && GUID_RE.test(id))) {
    return { status: 400, body: errorBody("SerializationException", `${field} must be a list of Guids`) };
  }
  const map = req.state[store];
  for (const id of ids as string[]) {
    for (const [key, entry] of map) if (key.toLowerCase() === id.toLowerCase()) entry.marked = true;
  }
  return { status: 204 };
}

function payments(req: FakeRequest): FakeResponse {
  const markedInvoices = new Set([...req.state.invoices.entries()].filter(([, e]) => e.marked).map(([id]) => id.toLowerCase()));
  const results = [...req.state.payments.values()]
    .filter((e) => !e.marked && markedInvoices.has(String(e.record.InvoiceId).toLowerCase()))
    .map((e) => e.record);
  return { status: 200, body: { Results: results } };
}

export const registerAccountingRoutes: FakeRouteModule = (router) => {
  router.on("GET", "/invoicedetails", invoiceDetails);
  router.on("GET", "/invoicedetails/:companyId", invoiceDetails);
  router.on("POST", "/MarkInvoice", (req) => markIds(req, "InvoiceIds", "invoices"));
  router.on("GET", "/payments", payments);
  router.on("POST", "/MarkPayment", (req) => markIds(req, "PaymentIds", "payments"));
};
