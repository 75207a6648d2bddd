import http from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMetric, makePlan, makeService, makeSubscription } from "@/server/billing/testing/billing-fixtures";
import { emitBillingEvent } from "@/server/billing/webhooks/emit-event";
import { createWebhookEndpoint } from "@/server/billing/webhooks/endpoints";
import { db } from "@/server/db";
import { deliverBillingWebhook } from "./deliver-billing-webhook";
import { rateBillingUsage } from "./rate-billing-usage";

let receiver: http.Server;
let url: string;
const bodies: string[] = [];

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_LOOPBACK = "true";
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_LOOPBACK;
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe("billing Inngest functions", () => {
  it("rate-billing-usage closes ended periods into issued invoices and queues their charge and webhooks", async () => {
    const { service } = await makeService();
    await createWebhookEndpoint(db, { serviceId: service.id, url }, { allowLoopback: true });
    const metric = await makeMetric("sum");
    const plan = await makePlan({ basePrice: "10.00", charges: [{ metricId: metric.id, model: "standard", unitPrice: "1" }] });
    const sub = await makeSubscription({ serviceId: service.id, planId: plan.id, startAt: new Date("2025-01-01T00:00:00Z") });
    const engine = new InngestTestEngine({ function: rateBillingUsage });
    const sent: string[] = [];
    const { result, error } = await engine.execute({
      events: [{ name: "billing/rating.requested", data: {} }],
      // No Inngest server here: record the fan-out instead of sending it.
      steps: [
        { id: "charge-issued-invoices", handler: () => sent.push("charge") },
        { id: "queue-webhooks", handler: () => sent.push("webhooks") },
      ],
    });
    expect(error).toBeFalsy();
    const invoices = await db.billingInvoice.findMany({ where: { subscriptionId: sub.id, status: "open" } });
    // Monthly periods from January 2025 are caught up, twelve per run at most.
    expect(invoices.length).toBeGreaterThanOrEqual(12);
    expect(result).toMatchObject({ issued: invoices.length });
    expect((result as { webhooks: number }).webhooks).toBe(invoices.length);
    expect(sent).toEqual(["charge", "webhooks"]);
  });

  it("deliver-billing-webhook makes the first signed attempt", async () => {
    const { service } = await makeService();
    await createWebhookEndpoint(db, { serviceId: service.id, url }, { allowLoopback: true });
    const eventId = await emitBillingEvent(db, { type: "subscription.terminated", serviceId: service.id, data: { subscription: { external_id: "x" } } });
    const delivery = await db.billingWebhookDelivery.findFirstOrThrow({ where: { eventId: eventId! } });
    const engine = new InngestTestEngine({ function: deliverBillingWebhook });
    const { result } = await engine.execute({ events: [{ name: "billing/webhook.queued", data: { deliveryId: delivery.id } }] });
    expect(result).toMatchObject({ status: "delivered", statusCode: 204 });
    expect(bodies.at(-1)).toContain('"type":"subscription.terminated"');
  });
});
