import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { POST } from "@/app/api/webhooks/vtiger/lead-converted/route";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhookBody, verifyWebhookSignature } from "./webhook-signature";

const SECRET = "lead-webhook-secret-0123456789";
let kit: CrmKit;
beforeAll(async () => {
  process.env.VTIGER_WEBHOOK_SECRET = SECRET;
  kit = await startCrmKit();
});
afterAll(async () => {
  delete process.env.VTIGER_WEBHOOK_SECRET;
  await kit.close();
});

function request(body: unknown, opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
  const raw = JSON.stringify(body);
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.signature !== null) {
    headers[TIMESTAMP_HEADER] = String(ts);
    headers[SIGNATURE_HEADER] = opts.signature ?? signWebhookBody(raw, opts.secret ?? SECRET, ts);
  }
  return new Request("http://localhost/api/webhooks/vtiger/lead-converted", { method: "POST", headers, body: raw });
}

const event = (eventId: string, contact: Record<string, string>) => ({ eventId, leadId: "10x7", contact });

describe("signature check", () => {
  it("accepts the right signature and refuses a wrong, stale or malformed one", () => {
    const now = Date.UTC(2026, 10, 21, 12, 0, 0);
    const ts = now / 1000;
    const sig = signWebhookBody("{}", SECRET, ts);
    expect(verifyWebhookSignature("{}", { signature: sig, timestamp: String(ts) }, SECRET, now)).toEqual({ ok: true });
    expect(verifyWebhookSignature("{ }", { signature: sig, timestamp: String(ts) }, SECRET, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyWebhookSignature("{}", { signature: sig, timestamp: String(ts) }, "another-secret-xxxxxxxx", now).ok).toBe(false);
    expect(verifyWebhookSignature("{}", { signature: sig, timestamp: String(ts) }, SECRET, now + 301_000)).toEqual({ ok: false, reason: "stale" });
    expect(verifyWebhookSignature("{}", { signature: "md5=abc", timestamp: String(ts) }, SECRET, now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyWebhookSignature("{}", { signature: null, timestamp: null }, SECRET, now)).toEqual({ ok: false, reason: "missing" });
  });
});

describe("POST /api/webhooks/vtiger/lead-converted", () => {
  it("answers 401 to an unsigned or wrongly signed call and creates nothing", async () => {
    const before = await db.customer.count();
    const unsigned = await POST(request(event("evt-unsigned", { lastname: "Nobody" }), { signature: null }));
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: "unsigned" });
    const forged = await POST(request(event("evt-forged", { lastname: "Nobody" }), { secret: "not-the-shared-secret-000" }));
    expect(forged.status).toBe(401);
    const old = await POST(request(event("evt-old", { lastname: "Nobody" }), { timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(old.status).toBe(401);
    expect(await db.customer.count()).toBe(before);
  });

  it("creates the customer, links it to the converted contact; a replay is a 200 no-op", async () => {
    const body = event("evt-1", {
      id: "12x9001",
      firstname: "Lena",
      lastname: "Lead",
      email: "Lena@Lead.test",
      phone: "+61 3 9999",
      mailingcity: "Geelong",
    });
    const res = await POST(request(body));
    expect(res.status).toBe(201);
    const { customerId, created } = (await res.json()) as { customerId: string; created: boolean };
    expect(created).toBe(true);
    expect(await db.customer.findUniqueOrThrow({ where: { id: customerId } })).toMatchObject({
      name: "Lena Lead",
      email: "lena@lead.test",
      phone: "+61 3 9999",
      city: "Geelong",
      kind: "person",
    });
    const link = await db.syncLink.findFirstOrThrow({ where: { entityId: customerId } });
    expect(link).toMatchObject({ externalId: "12x9001", status: "SYNCED", connectionId: kit.connection.id });
    // Already in this CRM: nothing to push back.
    expect(await db.syncQueueItem.count({ where: { entityId: customerId } })).toBe(0);

    // The same event again (even freshly signed) answers like the first time and changes nothing.
    const replay = await POST(request(body));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ customerId, created: false, replayed: true });
    expect(await db.customer.count({ where: { email: "lena@lead.test" } })).toBe(1);
  });

  it("links a converted lead to the existing customer with the same e-mail", async () => {
    const existing = await db.customer.create({ data: { name: "Known Person", email: "known@lead.test", kind: "person" } });
    const res = await POST(request(event("evt-2", { id: "12x9002", lastname: "Person", firstname: "Known", email: "known@lead.test" })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ customerId: existing.id, created: false });
    expect(await db.customer.count({ where: { email: "known@lead.test" } })).toBe(1);
  });

  it("answers 400 with the problem for a body without a last name", async () => {
    const res = await POST(request({ eventId: "evt-3", contact: { firstname: "No" } }));
    expect(res.status).toBe(400);
    expect((await res.json()) as { message: string }).toMatchObject({ message: expect.stringContaining("contact.lastname") });
  });
});
