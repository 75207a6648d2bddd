import { readFileSync } from "node:fs";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/vtiger/lead-converted/route";
import { importVtigerLead } from "@/inngest/functions/import-vtiger-lead";
import { db } from "@/server/db";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { LEAD_TOKEN_HEADER } from "./receive-lead-webhook";

const SECRET = "lead-webhook-secret-0123456789";
const URL_BASE = "http://localhost/api/webhooks/vtiger/lead-converted";
let kit: CrmKit;
beforeAll(async () => {
  process.env.VTIGER_WEBHOOK_SECRET = SECRET;
  // No Inngest server in tests: the hand-off runs the work in-process, as the e2e stack does.
  process.env.BACKGROUND_JOBS = "inline";
  kit = await startCrmKit();
});
afterAll(async () => {
  delete process.env.VTIGER_WEBHOOK_SECRET;
  delete process.env.BACKGROUND_JOBS;
  await kit.close();
});

/**
 * A workflow entity's fields (Vtiger builds them with vtws_retrieve, so they
 * are exactly a recorded `retrieve` result), form-encoded the way PHP's
 * http_build_query writes them: null fields are left out.
 */
function formBody(fields: Record<string, string | null>): string {
  return new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== null)).toString();
}

const recorded = JSON.parse(readFileSync(path.join(process.cwd(), "e2e/fakes/vtiger/recorded-8.4/21-retrieve-contact-ok.json"), "utf8")) as {
  response: { body: { result: Record<string, string | null> } };
};

function post(body: string, opts: { type?: string; header?: string | null; query?: string } = {}) {
  const headers: Record<string, string> = { "content-type": opts.type ?? "application/x-www-form-urlencoded" };
  if (opts.header !== null) headers[LEAD_TOKEN_HEADER] = opts.header ?? SECRET;
  return POST(new Request(`${URL_BASE}${opts.query ?? ""}`, { method: "POST", headers, body }));
}

const contact = (id: string, extra: Record<string, string> = {}) => ({
  id,
  lastname: "Lead",
  firstname: "Lena",
  assigned_user_id: "19x1",
  createdtime: "2026-12-05 10:00:00",
  modifiedtime: "2026-12-05 10:00:00",
  ...extra,
});

describe("POST /api/webhooks/vtiger/lead-converted", () => {
  it("answers 401 without the shared secret, with a wrong one, or when none is configured, and creates nothing", async () => {
    const before = await db.customer.count();
    const body = formBody(contact("12x8001", { email: "nobody@lead.test" }));
    const missing = await post(body, { header: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: "missing_token" });
    expect((await post(body, { header: "not-the-shared-secret-000" })).status).toBe(401);
    const badQuery = await post(body, { header: null, query: "?token=wrong" });
    expect(badQuery.status).toBe(401);
    expect(await badQuery.json()).toMatchObject({ code: "bad_token" });

    delete process.env.VTIGER_WEBHOOK_SECRET;
    try {
      expect(await (await post(body)).json()).toMatchObject({ code: "not_configured" });
    } finally {
      process.env.VTIGER_WEBHOOK_SECRET = SECRET;
    }
    expect(await db.customer.count()).toBe(before);
  });

  it("answers 400 naming the field for a bad body, and 415 for a body it cannot read", async () => {
    const noLastname = await post(formBody({ id: "12x8002", firstname: "No" }));
    expect(noLastname.status).toBe(400);
    expect(await noLastname.json()).toMatchObject({ code: "invalid_request", message: expect.stringContaining("lastname") });

    const badId = await post(formBody({ id: "55", lastname: "Person" }));
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as { message: string }).message).toContain("webservice id, e.g. 12x55");

    const notJson = await post("{ nope", { type: "application/json" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: "invalid_json" });

    const text = await post("lastname=Plain", { type: "text/plain" });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: "unsupported_media_type" });
  });

  it("takes the workflow's form post with the secret in the URL, creates and links the customer; a replay is a 200 no-op", async () => {
    const body = formBody(contact("12x9001", { email: "Lena@Lead.test", phone: "+61 3 9999", mailingcity: "Geelong" }));
    const res = await post(body, { header: null, query: `?token=${SECRET}` });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: true, replayed: false });
    const customer = await db.customer.findFirstOrThrow({ where: { email: "lena@lead.test" } });
    expect(customer).toMatchObject({ name: "Lena Lead", phone: "+61 3 9999", city: "Geelong", kind: "person" });
    const link = await db.syncLink.findFirstOrThrow({ where: { entityId: customer.id } });
    expect(link).toMatchObject({ externalId: "12x9001", status: "SYNCED", connectionId: kit.connection.id });
    // Already in this CRM: nothing to push back.
    expect(await db.syncQueueItem.count({ where: { entityId: customer.id } })).toBe(0);

    const replay = await post(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, replayed: true });
    expect(await db.customer.count({ where: { email: "lena@lead.test" } })).toBe(1);
    expect(await db.crmWebhookEvent.count({ where: { eventId: "contact:12x9001" } })).toBe(1);
  });

  it("takes a real Vtiger 8.4 contact record (recorded retrieve result) as the workflow sends it", async () => {
    const record = recorded.response.body.result;
    const res = await post(formBody({ ...record, id: "12x9016", email: "recorded@lead.test" }));
    expect(res.status).toBe(202);
    expect(await db.customer.findFirstOrThrow({ where: { email: "recorded@lead.test" } })).toMatchObject({ name: "Fixture Contact", city: "Melbourne" });
    // The same record as JSON (nulls included) is read alike.
    const json = await post(JSON.stringify({ ...record, id: "12x9017", email: "recorded-json@lead.test" }), { type: "application/json" });
    expect(json.status).toBe(202);
    expect(await db.customer.count({ where: { email: "recorded-json@lead.test" } })).toBe(1);
  });

  it("takes the same fields as JSON with the secret in the header, linking the existing customer with that e-mail", async () => {
    const existing = await db.customer.create({ data: { name: "Known Person", email: "known@lead.test", kind: "person" } });
    const res = await post(JSON.stringify(contact("12x9002", { firstname: "Known", lastname: "Person", email: "known@lead.test" })), { type: "application/json" });
    expect(res.status).toBe(202);
    expect(await db.customer.count({ where: { email: "known@lead.test" } })).toBe(1);
    expect(await db.syncLink.findFirstOrThrow({ where: { entityId: existing.id } })).toMatchObject({ externalId: "12x9002" });
  });
});

describe("import-vtiger-lead (Inngest)", () => {
  it("creates the customer once; the same contact delivered again is a no-op", async () => {
    const data = { contact: contact("12x9003", { firstname: "Ivy", lastname: "Inngest", email: "ivy@lead.test" }) };
    const first = await new InngestTestEngine({ function: importVtigerLead }).execute({ events: [{ name: "crm/lead.converted", data }] });
    expect(first.error).toBeFalsy();
    expect(first.result).toMatchObject({ created: true, replayed: false });
    const again = await new InngestTestEngine({ function: importVtigerLead }).execute({ events: [{ name: "crm/lead.converted", data }] });
    expect(again.result).toMatchObject({ created: false, replayed: true });
    expect(await db.customer.count({ where: { email: "ivy@lead.test" } })).toBe(1);
  });
});
