/**
 * The fake Ascora against Ascora's published Accounting API document: routes
 * (/invoicedetails, /invoicedetails/{CompanyId} with InvoicesPriorToDate,
 * POST /MarkInvoice {InvoiceIds}, /payments, POST /MarkPayment {PaymentIds}),
 * Basic authentication, the response classes' field names and JSON types
 * (Guid → string, DateTime → date string, decimal → number, List → array),
 * and the rule that an unmarked record is returned again on every call.
 * Spoken over plain HTTP, as any client would.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FAKE_ASCORA_ACCOUNT, startFakeAscora, type FakeAscoraHandle } from "./fake-ascora-server";

let fake: FakeAscoraHandle;
beforeEach(async () => {
  fake = await startFakeAscora();
});
afterEach(async () => {
  await fake.close();
});

const basic = (user = FAKE_ASCORA_ACCOUNT.username, pass = FAKE_ASCORA_ACCOUNT.password) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;

async function call(path: string, init: { method?: string; body?: unknown; auth?: string | null } = {}) {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.auth !== null) headers.Authorization = init.auth ?? basic();
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(fake.url + path, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("json");
  return { status: res.status, body: text && json ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const INVOICE = {
  Id: "6f1c2b7e-4d7a-4a53-9d1e-0a6f5e3b2c11",
  InvoiceDate: "2026-11-30T00:00:00Z",
  InvoiceDueDate: "2026-12-14T00:00:00Z",
  InvoiceNumber: "INV-1001",
  AmountExTax: 200.0,
  AdjustedAmountExTax: 180.0,
  Tax: 18.0,
  CustomerId: "0b9f6a52-1e0e-4f3c-8a55-4f0a7d9c2e01",
  InvoiceLines: [{ PartNumber: "LAB", Description: "Labour", Quantity: 2, UnitPriceExTax: 90, AmountExTax: 180, Tax: 18 }],
};
const PAYMENT = {
  Id: "a8d2f0c4-9b1e-4c2a-8f3d-6e5b4a3c2d10",
  InvoiceId: INVOICE.Id,
  PaymentDate: "2026-12-02T00:00:00Z",
  Amount: 198.0,
  PaymentMethod: "Card",
  Reference: "R-77",
};

describe("fake Ascora: Accounting API as documented", () => {
  it("refuses every API call without the account's Basic credentials (401), and with a wrong password", async () => {
    expect((await call("/invoicedetails?InvoicesPriorToDate=2027-01-01", { auth: null })).status).toBe(401);
    const wrong = await call("/payments", { auth: basic(FAKE_ASCORA_ACCOUNT.username, "nope") });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ ResponseStatus: expect.objectContaining({ ErrorCode: "Unauthorized" }) });
  });

  it("answers InvoiceDetailResponse { Results: InvoiceHeader[] } with the document's field names and types", async () => {
    fake.state.seedInvoice(INVOICE);
    const { status, body } = await call("/invoicedetails?InvoicesPriorToDate=2026-12-05T00:00:00Z");
    expect(status).toBe(200);
    expect(Object.keys(body!)).toEqual(["Results"]);
    const inv = (body!.Results as Record<string, unknown>[])[0]!;
    expect(inv.Id).toMatch(/^[0-9a-f-]{36}$/);
    for (const f of ["InvoiceDate", "InvoiceDueDate"]) expect(Number.isNaN(Date.parse(inv[f] as string))).toBe(false);
    expect(typeof inv.InvoiceNumber).toBe("string");
    for (const f of ["AmountExTax", "AdjustedAmountExTax", "Tax"]) expect(typeof inv[f]).toBe("number");
  });

  it("returns only invoices dated before InvoicesPriorToDate, and needs the date", async () => {
    fake.state.seedInvoice(INVOICE);
    expect(((await call("/invoicedetails?InvoicesPriorToDate=2026-11-01")).body!.Results as unknown[]).length).toBe(0);
    expect((await call("/invoicedetails")).status).toBe(400);
  });

  it("scopes /invoicedetails/{CompanyId} to that company", async () => {
    fake.state.seedInvoice(INVOICE, "11111111-2222-4333-8444-555555555555");
    const other = await call("/invoicedetails/99999999-2222-4333-8444-555555555555?InvoicesPriorToDate=2027-01-01");
    const mine = await call("/invoicedetails/11111111-2222-4333-8444-555555555555?InvoicesPriorToDate=2027-01-01");
    expect((other.body!.Results as unknown[]).length).toBe(0);
    expect((mine.body!.Results as unknown[]).length).toBe(1);
  });

  it("returns an unmarked invoice on every call; POST /MarkInvoice {InvoiceIds} stops it", async () => {
    fake.state.seedInvoice(INVOICE);
    const q = "/invoicedetails?InvoicesPriorToDate=2027-01-01";
    expect(((await call(q)).body!.Results as unknown[]).length).toBe(1);
    expect(((await call(q)).body!.Results as unknown[]).length).toBe(1);
    expect((await call("/MarkInvoice", { method: "POST", body: { InvoiceIds: [INVOICE.Id] } })).status).toBeLessThan(300);
    expect(((await call(q)).body!.Results as unknown[]).length).toBe(0);
  });

  it("refuses MarkInvoice / MarkPayment ids that are not Guids (400)", async () => {
    expect((await call("/MarkInvoice", { method: "POST", body: { InvoiceIds: ["INV-1"] } })).status).toBe(400);
    expect((await call("/MarkPayment", { method: "POST", body: { PaymentIds: "x" } })).status).toBe(400);
  });

  it("/payments lists only payments of invoices already marked, until the payment is marked", async () => {
    fake.state.seedInvoice(INVOICE);
    fake.state.seedPayment(PAYMENT);
    expect(((await call("/payments")).body!.Results as unknown[]).length).toBe(0);
    await call("/MarkInvoice", { method: "POST", body: { InvoiceIds: [INVOICE.Id] } });
    const listed = await call("/payments");
    expect(Object.keys(listed.body!)).toEqual(["Results"]);
    expect((listed.body!.Results as Record<string, unknown>[])[0]).toMatchObject({ Id: PAYMENT.Id, InvoiceId: INVOICE.Id });
    expect(((await call("/payments")).body!.Results as unknown[]).length).toBe(1);
    await call("/MarkPayment", { method: "POST", body: { PaymentIds: [PAYMENT.Id] } });
    expect(((await call("/payments")).body!.Results as unknown[]).length).toBe(0);
  });

  it("answers GET-only routes' wrong methods with 405 and unknown routes with 404", async () => {
    expect((await call("/MarkInvoice")).status).toBe(405);
    expect((await call("/nothing-here")).status).toBe(404);
  });
});

describe("fake Ascora: faults", () => {
  it("429 carries Retry-After; 500 is HTML; both wear off after `times`", async () => {
    fake.setFault({ type: "rate_limit", retryAfterSeconds: 7, times: 1 });
    const res = await fetch(`${fake.url}/payments`, { headers: { Authorization: basic() } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    fake.setFault({ type: "http_500", times: 1 });
    expect((await call("/payments")).status).toBe(500);
    expect((await call("/payments")).status).toBe(200);
  });

  it("timeout_after_success performs the write and answers only after the delay", async () => {
    fake.state.seedInvoice(INVOICE);
    fake.setFault({ type: "timeout_after_success", path: "/MarkInvoice", delayMs: 5_000, times: 1 });
    const controller = new AbortController();
    const pending = fetch(`${fake.url}/MarkInvoice`, {
      method: "POST",
      headers: { Authorization: basic(), "Content-Type": "application/json" },
      body: JSON.stringify({ InvoiceIds: [INVOICE.Id] }),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    // The mark is visible to the next caller while the first answer is still held back.
    await vi.waitFor(() => expect(fake.state.invoices.get(INVOICE.Id)!.marked).toBe(true), { timeout: 4_000 });
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
  });
});

// Not Ascora's document: these hold the fake to OUR assumptions (ascora-assumed-api.ts), so the two cannot drift apart.
describe("fake Ascora: assumed customer calls (A4, A14–A16)", () => {
  it("takes a commercial customer by CompanyName alone (A14), and refuses a customer with neither CompanyName nor LastName", async () => {
    const made = await call("/customers", { method: "POST", body: { CompanyName: "Harbour Plumbing", Email: "office@harbour.test" } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ CompanyName: "Harbour Plumbing", IsDeleted: false });
    expect((await call("/customers", { method: "POST", body: { Email: "nobody@example.test" } })).status).toBe(400);
  });

  it("lists a deleted customer as a tombstone in the modifiedSince list, and nowhere else (A15)", async () => {
    const made = (await call("/customers", { method: "POST", body: { LastName: "Gone", ExternalReference: "local-1" } })).body!;
    const id = made.CustomerId as string;
    const since = new Date(Date.now() - 60_000).toISOString();
    expect((await call(`/customers/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/customers/${id}`, { method: "DELETE" })).status).toBe(404);
    expect((await call(`/customers/${id}`)).status).toBe(404);
    expect((await call("/customers?externalReference=local-1")).body!.Results).toEqual([]);

    const listed = await call(`/customers?modifiedSince=${encodeURIComponent(since)}&page=0&pageSize=100`);
    const rows = listed.body!.Results as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(["CustomerId", "IsDeleted", "LastModified"]);
    expect(rows[0]).toMatchObject({ CustomerId: id, IsDeleted: true });
    expect(Date.parse(rows[0]!.LastModified as string)).toBeGreaterThanOrEqual(Date.parse(made.LastModified as string));
    // A deletion older than modifiedSince is not listed again.
    const after = new Date(Date.parse(rows[0]!.LastModified as string) + 1).toISOString();
    expect((await call(`/customers?modifiedSince=${encodeURIComponent(after)}`)).body!.Results).toEqual([]);
  });

  it("finds live customers by e-mail ignoring case, oldest first, leaving deleted ones out (A16)", async () => {
    const first = (await call("/customers", { method: "POST", body: { LastName: "One", Email: "Same@Example.test" } })).body!;
    const second = (await call("/customers", { method: "POST", body: { LastName: "Two", Email: "same@example.test" } })).body!;
    const gone = (await call("/customers", { method: "POST", body: { LastName: "Gone", Email: "same@example.test" } })).body!;
    await call(`/customers/${gone.CustomerId as string}`, { method: "DELETE" });
    const found = await call("/customers?email=SAME%40example.test");
    expect(found.status).toBe(200);
    expect(found.body!.HasMore).toBe(false);
    expect((found.body!.Results as Record<string, unknown>[]).map((c) => c.CustomerId)).toEqual([first.CustomerId, second.CustomerId]);
  });
});
