import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { BillingError } from "../errors";
import { makeService } from "../testing/billing-fixtures";
import { attemptWebhookDelivery, deliverDueWebhooks, resendWebhookDelivery } from "./deliver-webhook";
import { emitBillingEvent } from "./emit-event";
import { createWebhookEndpoint } from "./endpoints";
import { verifySignature } from "./sign-payload";

interface Received {
  body: string;
  signature: string | undefined;
  eventId: string | undefined;
  verified: boolean;
}

let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let answers: number[] = [];
let delayMs = 0;
let secretForVerification = "";
let serviceId: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signature = req.headers["switchboard-signature"] as string | undefined;
      received.push({
        body,
        signature,
        eventId: req.headers["switchboard-event-id"] as string | undefined,
        // Tolerance 0: some tests run the sender on a simulated clock.
        verified: verifySignature(body, signature, secretForVerification, 0).ok,
      });
      const status = answers.shift() ?? 200;
      setTimeout(() => {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(status < 300 ? "thanks" : "try later");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/billing`;
  serviceId = (await makeService()).service.id;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(async () => {
  received.length = 0;
  answers = [];
  delayMs = 0;
  // Each test starts with no endpoints, so no delivery from an earlier test is due.
  await db.billingWebhookEndpoint.deleteMany({ where: { serviceId } });
});

const LOOPBACK = { allowLoopback: true };

async function endpointAndDelivery(eventTypes: Array<"invoice.created" | "usage.threshold_reached"> = []) {
  const endpoint = await createWebhookEndpoint(db, { serviceId, url: receiverUrl, eventTypes }, LOOPBACK);
  secretForVerification = endpoint.secret;
  const eventId = await emitBillingEvent(db, { type: "invoice.created", serviceId, data: { invoice: { id: "inv_1", total: "57.07" } } });
  const delivery = await db.billingWebhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id, eventId: eventId! } });
  return { endpoint, eventId: eventId!, deliveryId: delivery.id };
}

describe("outbound webhook delivery", () => {
  it("signs the exact bytes it sends so the receiver can verify them", async () => {
    const { deliveryId, eventId } = await endpointAndDelivery();
    const outcome = await attemptWebhookDelivery(db, deliveryId, LOOPBACK);
    expect(outcome).toMatchObject({ status: "delivered", attempt: 1, statusCode: 200 });
    const stored = await db.billingEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe(stored.payload);
    expect(received[0]?.verified).toBe(true);
    expect(verifySignature(received[0]!.body, received[0]?.signature, secretForVerification).ok).toBe(true);
    expect(received[0]?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(received[0]?.eventId).toBe(eventId);
    expect(JSON.parse(stored.payload)).toMatchObject({ id: eventId, type: "invoice.created", data: { invoice: { total: "57.07" } } });
    // A receiver with another secret, or a tampered body, fails verification.
    expect(verifySignature(stored.payload, received[0]?.signature, "whsec_other").ok).toBe(false);
    expect(verifySignature(stored.payload.replace("57.07", "5.07"), received[0]?.signature, secretForVerification).ok).toBe(false);
    expect((await attemptWebhookDelivery(db, deliveryId, { ...LOOPBACK, force: true })).status).toBe("skipped");
  });

  it("retries on the schedule, dead-letters after the last attempt, and resends by hand", async () => {
    const { deliveryId } = await endpointAndDelivery();
    const schedule = [0, 5_000, 300_000];
    const t0 = new Date("2026-12-01T00:00:00Z");
    const at = (ms: number) => () => new Date(t0.getTime() + ms);
    answers = [500, 503, 502];

    const first = await attemptWebhookDelivery(db, deliveryId, { ...LOOPBACK, scheduleMs: schedule, now: at(0), force: true });
    expect(first).toMatchObject({ status: "failed", attempt: 1, error: "HTTP 500" });
    expect(first.status === "failed" && first.nextAttemptAt.toISOString()).toBe(new Date(t0.getTime() + 5_000).toISOString());

    expect((await deliverDueWebhooks(db, { ...LOOPBACK, scheduleMs: schedule, now: at(4_000) })).attempted).toBe(0);
    const second = await deliverDueWebhooks(db, { ...LOOPBACK, scheduleMs: schedule, now: at(5_000) });
    expect(second.outcomes).toMatchObject([{ status: "failed", attempt: 2, error: "HTTP 503" }]);
    const row = await db.billingWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row.nextAttemptAt?.toISOString()).toBe(new Date(t0.getTime() + 305_000).toISOString());

    const third = await deliverDueWebhooks(db, { ...LOOPBACK, scheduleMs: schedule, now: at(305_000) });
    expect(third.outcomes).toMatchObject([{ status: "dead", attempt: 3 }]);
    const dead = await db.billingWebhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { log: { orderBy: { attempt: "asc" } } } });
    expect([dead.status, dead.nextAttemptAt, dead.lastStatusCode]).toEqual(["dead", null, 502]);
    expect(dead.log.map((l) => [l.attempt, l.statusCode])).toEqual([[1, 500], [2, 503], [3, 502]]);
    expect((await deliverDueWebhooks(db, { ...LOOPBACK, scheduleMs: schedule, now: at(10 * 3_600_000) })).attempted).toBe(0);

    const resent = await resendWebhookDelivery(db, deliveryId, { ...LOOPBACK, scheduleMs: schedule });
    expect(resent.status).toBe("delivered");
    expect(received.every((r) => r.verified)).toBe(true);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
  });

  it("counts an answer slower than the timeout as a failure", async () => {
    const { deliveryId } = await endpointAndDelivery();
    delayMs = 500;
    const outcome = await attemptWebhookDelivery(db, deliveryId, { ...LOOPBACK, timeoutMs: 100 });
    expect(outcome).toMatchObject({ status: "failed" });
    expect(outcome.status === "failed" && outcome.error).toMatch(/timed out/);
  });

  it("sends only the event types an endpoint asked for", async () => {
    const endpoint = await createWebhookEndpoint(db, { serviceId, url: receiverUrl, eventTypes: ["usage.threshold_reached"] }, LOOPBACK);
    const eventId = await emitBillingEvent(db, { type: "invoice.created", serviceId, data: {} });
    expect(await db.billingWebhookDelivery.count({ where: { endpointId: endpoint.id, eventId: eventId! } })).toBe(0);
    const dedupe = { type: "usage.threshold_reached" as const, serviceId, data: {}, dedupeKey: `t-${endpoint.id}` };
    expect(await emitBillingEvent(db, dedupe)).not.toBeNull();
    expect(await emitBillingEvent(db, dedupe)).toBeNull();
    expect(await db.billingWebhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
  });
});

describe("SSRF guard on endpoints", () => {
  it.each([
    ["http://10.0.0.5/hook", "private"],
    ["http://169.254.169.254/latest/meta-data", "metadata"],
    ["http://[::1]:8080/hook", "loopback"],
    ["http://127.0.0.1:9/hook", "loopback"],
    ["http://metadata.google.internal/", "blocked_hostname"],
  ])("refuses %s (%s)", async (url, reason) => {
    const error = await createWebhookEndpoint(db, { serviceId, url }, { allowLoopback: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingError);
    expect((error as BillingError).details).toMatchObject({ reason });
    expect((error as BillingError).status).toBe(422);
  });

  it("refuses a host name that resolves to a private address, and checks again when sending", async () => {
    const lookup = async () => [{ address: "10.1.2.3", family: 4 }];
    await expect(createWebhookEndpoint(db, { serviceId, url: "https://hooks.example.test/x" }, { lookup })).rejects.toThrow(/private/);
    // A URL stored before the guard (or changed in DNS since) is refused at delivery time too.
    const endpoint = await db.billingWebhookEndpoint.create({ data: { serviceId, url: "http://10.9.9.9/hook", secret: "whsec_x" } });
    const eventId = await emitBillingEvent(db, { type: "invoice.created", serviceId, data: {} });
    const delivery = await db.billingWebhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id, eventId: eventId! } });
    const outcome = await attemptWebhookDelivery(db, delivery.id, { allowLoopback: true });
    expect(outcome.status === "failed" && outcome.error).toMatch(/^Refused: .*private/);
    await db.billingWebhookEndpoint.delete({ where: { id: endpoint.id } });
  });

  it("lets loopback through only when the setting allows it", async () => {
    await expect(createWebhookEndpoint(db, { serviceId, url: receiverUrl }, { allowLoopback: false })).rejects.toThrow(/loopback/);
    await expect(createWebhookEndpoint(db, { serviceId, url: receiverUrl }, { allowLoopback: true })).resolves.toMatchObject({ url: receiverUrl });
  });
});
