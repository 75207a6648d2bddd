/**
 * Endpoints in Lago's format receive Lago's envelope ({ webhook_type,
 * object_type, <object> }) signed the way Lago's docs tell a receiver to
 * verify it: Base64 HMAC-SHA256 of the raw body under the endpoint's key in
 * X-Lago-Signature, with X-Lago-Signature-Algorithm: hmac and the event id as
 * X-Lago-Unique-Key. The receiver here checks exactly that, independently of
 * our signing code.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { makePlan, makeService, makeSubscription } from "../testing/billing-fixtures";
import { attemptWebhookDelivery } from "./deliver-webhook";
import { createWebhookEndpoint } from "./endpoints";

interface Received {
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

let receiver: http.Server;
let origin: string;
const received: Received[] = [];
let answers: number[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      const status = answers.shift() ?? 200;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** What Lago's documentation has a receiver do with an HMAC-signed webhook. */
function verifiedAsLagoWould(r: Received, hmacKey: string): boolean {
  const expected = crypto.createHmac("sha256", hmacKey).update(r.body).digest("base64");
  const got = String(r.headers["x-lago-signature"] ?? "");
  return r.headers["x-lago-signature-algorithm"] === "hmac" && got.length === expected.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}

const allow = { allowLoopback: true };

describe("Lago-shaped outbound webhooks", () => {
  it("sends invoice.created in Lago's envelope with a signature a Lago receiver verifies; our endpoints keep our format", async () => {
    const { service } = await makeService();
    const lagoEndpoint = await createWebhookEndpoint(db, { serviceId: service.id, url: `${origin}/lago`, format: "lago" }, allow);
    const ourEndpoint = await createWebhookEndpoint(db, { serviceId: service.id, url: `${origin}/ours` }, allow);
    const plan = await makePlan({ basePrice: "49.00" });
    const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, startAt: new Date("2026-10-01T00:00:00Z") });
    const invoiceId = (await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-11-01T00:00:00Z") })).issuedInvoiceIds[0]!;

    const deliveries = await db.billingWebhookDelivery.findMany({ where: { endpointId: { in: [lagoEndpoint.id, ourEndpoint.id] } }, include: { event: true } });
    expect(deliveries.map((d) => d.event.type)).toEqual(["invoice.created", "invoice.created"]);
    // The receiver answers 503 first: the retry sends the very same bytes and signature.
    answers = [503];
    const lagoDelivery = deliveries.find((d) => d.endpointId === lagoEndpoint.id)!;
    expect((await attemptWebhookDelivery(db, lagoDelivery.id, { ...allow, force: true })).status).toBe("failed");
    expect((await attemptWebhookDelivery(db, lagoDelivery.id, { ...allow, force: true })).status).toBe("delivered");
    await attemptWebhookDelivery(db, deliveries.find((d) => d.endpointId === ourEndpoint.id)!.id, { ...allow, force: true });

    const [first, retry, ours] = received.splice(0);
    expect(retry!.body).toBe(first!.body);
    expect(retry!.headers["x-lago-signature"]).toBe(first!.headers["x-lago-signature"]);
    expect(verifiedAsLagoWould(retry!, lagoEndpoint.secret)).toBe(true);
    expect(verifiedAsLagoWould({ ...retry!, body: retry!.body.replace("invoice.created", "invoice.voided") }, lagoEndpoint.secret)).toBe(false);
    expect(verifiedAsLagoWould(retry!, "another key")).toBe(false);
    expect(retry!.headers["x-lago-unique-key"]).toBe(lagoDelivery.eventId);

    const lagoBody = JSON.parse(retry!.body) as { webhook_type: string; object_type: string; invoice: Record<string, unknown> };
    expect(Object.keys(lagoBody)).toEqual(["webhook_type", "object_type", "invoice"]);
    expect(lagoBody).toMatchObject({ webhook_type: "invoice.created", object_type: "invoice" });
    expect(lagoBody.invoice).toMatchObject({ lago_id: invoiceId, status: "finalized", currency: "CAD", total_amount_cents: 5537 });

    expect(ours!.path).toBe("/ours");
    expect(JSON.parse(ours!.body)).toMatchObject({ type: "invoice.created", data: { invoice: { id: invoiceId } } });
    expect(ours!.headers["switchboard-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(ours!.headers["x-lago-signature"]).toBeUndefined();
  });

  it("sends a Lago endpoint only events Lago has, and refuses a private address when the endpoint is saved", async () => {
    const { service } = await makeService();
    await createWebhookEndpoint(db, { serviceId: service.id, url: `${origin}/lago-only`, format: "lago" }, allow);
    const plan = await makePlan({ basePrice: "10.00" });
    const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, startAt: new Date("2026-10-01T00:00:00Z") });
    await closeSubscriptionPeriod(db, sub.id, { now: new Date("2026-10-05T00:00:00Z"), terminateNow: true });
    const types = (await db.billingWebhookDelivery.findMany({ where: { endpoint: { serviceId: service.id } }, include: { event: true } })).map((d) => d.event.type);
    // subscription.terminated has no Lago body here, so the Lago endpoint is not sent our shape instead.
    expect(types).toEqual(["invoice.created"]);
    await expect(createWebhookEndpoint(db, { serviceId: service.id, url: "http://169.254.169.254/latest", format: "lago" }, { allowLoopback: false })).rejects.toThrow();
  });
});
