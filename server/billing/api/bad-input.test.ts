/**
 * Bytes PostgreSQL cannot store and quantities it cannot hold, sent to the
 * billing API's real route handlers: each is a 4xx naming the problem, never
 * a 500 carrying the database's text, and one bad usage item never sinks the
 * rest of its batch.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCustomer } from "@/app/api/billing/v1/customers/[externalId]/route";
import { GET as getInvoice } from "@/app/api/billing/v1/invoices/[id]/route";
import { POST as retryPayment } from "@/app/api/billing/v1/invoices/[id]/retry_payment/route";
import { POST as voidInvoice } from "@/app/api/billing/v1/invoices/[id]/void/route";
import { GET as getPlan } from "@/app/api/billing/v1/plans/[code]/route";
import { DELETE as cancelSubscription, GET as getSubscription } from "@/app/api/billing/v1/subscriptions/[externalId]/route";
import { POST as upsertCustomer } from "@/app/api/billing/v1/customers/route";
import { POST as postUsage } from "@/app/api/billing/v1/usage/route";
import { makeMetric, makePlan, makeService, makeSubscription, usageItem } from "@/server/billing/testing/billing-fixtures";
import { db } from "@/server/db";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let key: string;
let metricCode: string;
let subExternalId: string;

function call(handler: Handler, method: string, opts: { params?: Record<string, string>; body?: string; headers?: Record<string, string> } = {}) {
  const request = new Request("http://localhost/api/billing/v1/x", {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...opts.headers },
    body: opts.body,
  });
  return handler(request, { params: Promise.resolve(opts.params ?? {}) });
}

beforeAll(async () => {
  const service = await makeService();
  key = service.apiKey;
  const metric = await makeMetric("sum");
  metricCode = metric.code;
  const plan = await makePlan({ basePrice: "10.00", charges: [{ metricId: metric.id, model: "standard", unitPrice: "0.5" }] });
  subExternalId = (await makeSubscription({ serviceId: service.service.id, planId: plan.id })).externalId;
});

describe("billing API: NUL bytes", () => {
  const routes: Array<[string, Handler, string, Record<string, string>]> = [
    ["GET customers/:id", getCustomer as Handler, "GET", { externalId: "cus\u0000" }],
    ["GET invoices/:id", getInvoice as Handler, "GET", { id: "inv\u0000" }],
    ["POST invoices/:id/void", voidInvoice as Handler, "POST", { id: "inv\u0000" }],
    ["POST invoices/:id/retry_payment", retryPayment as Handler, "POST", { id: "inv\u0000" }],
    ["GET plans/:code", getPlan as Handler, "GET", { code: "plan\u0000" }],
    ["GET subscriptions/:id", getSubscription as Handler, "GET", { externalId: "sub\u0000" }],
    ["DELETE subscriptions/:id", cancelSubscription as Handler, "DELETE", { externalId: "sub\u0000" }],
  ];
  it.each(routes)("%s with a NUL in the path id is a 422 naming the path", async (_name, handler, method, params) => {
    const response = await call(handler, method, { params });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe("invalid_text");
    expect(body.message).toMatch(/NUL/);
    expect(body.message).not.toMatch(/UTF8|0x00/);
  });

  it("refuses a customer whose name carries a NUL, naming the field", async () => {
    const response = await call(upsertCustomer as Handler, "POST", {
      body: JSON.stringify({ customer: { external_id: "c-nul", name: "Acme\u0000 Ltd" } }),
    });
    expect(response.status).toBe(422);
    // Lago names a failed validation "validation_errors" (api-handler.ts); the field is named in details and error_details.
    expect(await response.json()).toMatchObject({ code: "validation_errors", details: { fieldErrors: { "customer.name": expect.stringMatching(/NUL/) } } });
  });
});

describe("billing API: usage items are judged one by one", () => {
  it("rejects only the item with a NUL or an out-of-range quantity; the others are stored", async () => {
    const items = [
      usageItem(subExternalId, metricCode, "5", "ok-1"),
      { ...usageItem(subExternalId, metricCode, "5", "nul-key\u0000") },
      usageItem(subExternalId, metricCode, "1".repeat(25), "digits-25"),
      usageItem(subExternalId, metricCode, "1".repeat(24), "digits-24"),
      usageItem(subExternalId, metricCode, "1000000000000000", "at-limit"),
    ];
    const response = await call(postUsage as Handler, "POST", { body: JSON.stringify({ usage: items }) });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { accepted: number; rejected: number; results: Array<{ index: number; status: string; errors?: Array<{ message: string }> }> };
    expect(body.results.map((r) => r.status)).toEqual(["accepted", "rejected", "rejected", "rejected", "accepted"]);
    expect(body.results[1]?.errors?.[0]?.message).toMatch(/NUL/);
    expect(body.results[2]?.errors?.[0]?.message).toMatch(/at most 1000000000000000/);
    expect(body.results[3]?.errors?.[0]?.message).toMatch(/at most 1000000000000000/);

    // A retrying sender gets the same answer and the good items still count once.
    const again = await call(postUsage as Handler, "POST", { body: JSON.stringify({ usage: items }) });
    const againBody = (await again.json()) as { results: Array<{ status: string }> };
    expect(againBody.results.map((r) => r.status)).toEqual(["duplicate", "rejected", "rejected", "rejected", "duplicate"]);
    const stored = await db.billingUsageRecord.count({ where: { subscription: { externalId: subExternalId } } });
    expect(stored).toBe(2);
  });
});

describe("billing API: body cap", () => {
  it("stops reading an endless body just past 1 MB and answers 413", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request("http://localhost/api/billing/v1/usage", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await (postUsage as Handler)(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "payload_too_large" });
    // Stopped a little past 1 MB, not at the end of an endless stream.
    expect(pulled).toBeLessThan(40);
  });
});
