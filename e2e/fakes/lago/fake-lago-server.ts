/**
 * Test fake: the part of Lago's REST API the invoice ledger reads,
 * `GET /api/v1/invoices/{lago_id}`, on 127.0.0.1, answering in Lago's
 * documented invoice shape (typed against the official lago-javascript-client's
 * `InvoiceObject`) with Lago's error bodies. Never imported by product code.
 *
 *   POST /__fake/invoices  a SeedLagoInvoice, to add or replace an invoice
 *   POST /__fake/reset     forget everything
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { InvoiceObject } from "lago-javascript-client";

export interface SeedLagoInvoice {
  lagoId: string;
  number: string;
  /** YYYY-MM-DD. */
  issuingDate: string;
  status: InvoiceObject["status"];
  paymentStatus: InvoiceObject["payment_status"];
  totalAmountCents: number;
  taxesAmountCents?: number;
  currency?: string;
}

export interface FakeLago {
  url: string;
  apiKey: string;
  invoices: Map<string, InvoiceObject>;
  seed(invoice: SeedLagoInvoice): InvoiceObject;
  close(): Promise<void>;
}

/** Lago's invoice object as GET /api/v1/invoices/{lago_id} returns it (under `invoice`). */
export function buildLagoInvoice(seed: SeedLagoInvoice): InvoiceObject {
  const taxes = seed.taxesAmountCents ?? 0;
  const paid = seed.paymentStatus === "succeeded";
  const at = `${seed.issuingDate}T00:00:00Z`;
  return {
    lago_id: seed.lagoId,
    billing_entity_code: null,
    sequential_id: 1,
    number: seed.number,
    issuing_date: seed.issuingDate,
    payment_dispute_lost_at: null,
    payment_due_date: seed.issuingDate,
    payment_overdue: false,
    net_payment_term: 0,
    invoice_type: "subscription",
    status: seed.status,
    payment_status: seed.paymentStatus,
    currency: (seed.currency ?? "CAD") as InvoiceObject["currency"],
    fees_amount_cents: seed.totalAmountCents - taxes,
    coupons_amount_cents: 0,
    credit_notes_amount_cents: 0,
    sub_total_excluding_taxes_amount_cents: seed.totalAmountCents - taxes,
    taxes_amount_cents: taxes,
    sub_total_including_taxes_amount_cents: seed.totalAmountCents,
    prepaid_credit_amount_cents: 0,
    progressive_billing_credit_amount_cents: 0,
    total_amount_cents: seed.totalAmountCents,
    total_paid_amount_cents: paid ? seed.totalAmountCents : 0,
    total_due_amount_cents: paid ? 0 : seed.totalAmountCents,
    version_number: 4,
    file_url: null,
    created_at: at,
    updated_at: at,
    voided_at: seed.status === "voided" ? at : null,
  } as InvoiceObject;
}

export async function startFakeLago(options: { port?: number; apiKey?: string } = {}): Promise<FakeLago> {
  const apiKey = options.apiKey ?? "lago-fake-api-key";
  const invoices = new Map<string, InvoiceObject>();
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
  };
  const readJson = (req: http.IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString("utf8")));
      req.on("end", () => {
        try {
          resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
        } catch (error) {
          reject(error);
        }
      });
    });
  const seed = (s: SeedLagoInvoice) => {
    const invoice = buildLagoInvoice(s);
    invoices.set(invoice.lago_id, invoice);
    return invoice;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/__fake/")) {
      if (req.method === "POST" && url.pathname === "/__fake/invoices") {
        readJson(req).then((body) => send(res, 200, seed(body as unknown as SeedLagoInvoice)), () => send(res, 400, { error: "bad json" }));
        return;
      }
      if (req.method === "POST" && url.pathname === "/__fake/reset") {
        invoices.clear();
        return send(res, 200, { ok: true });
      }
      return send(res, 404, { error: "unknown control route" });
    }
    // Lago answers a missing or wrong key with 401 before anything else.
    if (req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { status: 401, error: "Unauthorized" });
    const match = /^\/api\/v1\/invoices\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && match) {
      const invoice = invoices.get(decodeURIComponent(match[1]!));
      if (!invoice) return send(res, 404, { status: 404, error: "Not Found", code: "invoice_not_found" });
      return send(res, 200, { invoice });
    }
    return send(res, 404, { status: 404, error: "Not Found", code: "route_not_found" });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    invoices,
    seed,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
