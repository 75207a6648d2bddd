/**
 * Contract: Lago's official client (lago-javascript-client) reads the fake's
 * invoices and errors exactly as it reads Lago's.
 */
import { Client, getLagoError } from "lago-javascript-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLago, type FakeLago } from "./fake-lago-server";

let lago: FakeLago;
beforeAll(async () => {
  lago = await startFakeLago();
  lago.seed({ lagoId: "1a2b", number: "NEX-0001", issuingDate: "2026-08-31", status: "finalized", paymentStatus: "succeeded", totalAmountCents: 11300, taxesAmountCents: 1300 });
});
afterAll(() => lago.close());

describe("fake Lago, through the official client", () => {
  it("answers findInvoice with the documented invoice object", async () => {
    const client = Client(lago.apiKey, { baseUrl: `${lago.url}/api/v1` });
    const { data } = await client.invoices.findInvoice("1a2b");
    expect(data.invoice).toMatchObject({
      lago_id: "1a2b", number: "NEX-0001", issuing_date: "2026-08-31", status: "finalized", payment_status: "succeeded",
      total_amount_cents: 11300, taxes_amount_cents: 1300, sub_total_excluding_taxes_amount_cents: 10000, currency: "CAD",
    });
  });

  it("answers an unknown id with Lago's 404 body and a wrong key with 401", async () => {
    const client = Client(lago.apiKey, { baseUrl: `${lago.url}/api/v1` });
    const missing = await client.invoices.findInvoice("nope").catch((e: unknown) => e);
    expect(await getLagoError<typeof client.invoices.findInvoice>(missing)).toMatchObject({ status: 404, error: "Not Found", code: "invoice_not_found" });
    const wrong = Client("wrong-key", { baseUrl: `${lago.url}/api/v1` });
    const denied = await wrong.invoices.findInvoice("1a2b").catch((e: unknown) => e);
    expect(await getLagoError<typeof wrong.invoices.findInvoice>(denied)).toMatchObject({ status: 401, error: "Unauthorized" });
  });
});
