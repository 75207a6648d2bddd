import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/ascora/[connectionId]/route";
import { db } from "@/server/db";
import { ASCORA_WEBHOOK, signAscoraWebhook } from "@/server/crm/connectors/ascora/ascora-assumed-api";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { requestFieldJob } from "../request-field-job";
import { AGENT_ACTOR, createAscoraConnection, createRemoteJob, createTicketWithCustomer, RecordingGateway } from "../testing/field-job-test-kit";

const gateway = new RecordingGateway();
beforeAll(() => {
  // No Inngest server in tests: the hand-off runs the work in-process, as the e2e stack does.
  process.env.BACKGROUND_JOBS = "inline";
});
afterAll(() => {
  delete process.env.BACKGROUND_JOBS;
});

async function setUp() {
  const connection = await createAscoraConnection();
  const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
  const { secret } = await admin.fieldJobs.rotateWebhookSecret({ connectionId: connection.id });
  await admin.fieldJobs.saveStatusMappings({ connectionId: connection.id, rows: [{ remoteStatus: "Completed", ticketStatus: "resolved" }] });
  const { ticket } = await createTicketWithCustomer();
  const { job } = await db.$transaction((tx) =>
    requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, siteAddress: "1 Front St", affectedServices: [], deviceSerials: [], description: "Fix" }, AGENT_ACTOR),
  );
  await createRemoteJob(gateway, job.id);
  const remoteId = (await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteId!;
  return { connection, secret, ticket, remoteId };
}

function post(connectionId: string, raw: string, headers: Record<string, string>) {
  return POST(new Request(`http://localhost/api/webhooks/ascora/${connectionId}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: raw }), {
    params: Promise.resolve({ connectionId }),
  });
}

function signed(secret: string, raw: string, at = new Date()) {
  const ts = String(Math.floor(at.getTime() / 1000));
  return { [ASCORA_WEBHOOK.timestampHeader]: ts, [ASCORA_WEBHOOK.signatureHeader]: signAscoraWebhook(secret, ts, raw) };
}

const body = (id: string, jobId: string, status: string) => JSON.stringify({ id, type: "job.status_changed", data: { jobId, status } });

describe("POST /api/webhooks/ascora/<connectionId>", () => {
  it("a signed, fresh event is stored, moves the ticket as mapped and writes the trail; the same event again is handled once", async () => {
    const { connection, secret, ticket, remoteId } = await setUp();
    const raw = body("evt-1", remoteId, "Completed");
    const first = await post(connection.id, raw, signed(secret, raw));
    expect(first.status).toBe(202);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("resolved");
    const replay = await post(connection.id, raw, signed(secret, raw));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ replayed: true });
    expect(await db.fieldJobWebhookEvent.count({ where: { connectionId: connection.id } })).toBe(1);
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "field_job_status" } })).toBe(1);
  });

  it("unsigned, mis-signed or stale calls get 401 with a message naming the problem, and nothing is stored", async () => {
    const { connection, secret, remoteId } = await setUp();
    const raw = body("evt-2", remoteId, "Completed");
    const unsigned = await post(connection.id, raw, {});
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).message).toBe("The X-Ascora-Signature header is missing");
    const wrong = await post(connection.id, raw, signed("not-the-secret", raw));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).code).toBe("bad_signature");
    const tampered = await post(connection.id, body("evt-2", remoteId, "Cancelled"), signed(secret, raw));
    expect(tampered.status).toBe(401);
    const stale = await post(connection.id, raw, signed(secret, raw, new Date(Date.now() - 10 * 60_000)));
    expect(stale.status).toBe(401);
    expect((await stale.json()).code).toBe("stale_timestamp");
    const unknown = await post("no-such-connection", raw, signed(secret, raw));
    expect(unknown.status).toBe(401);
    expect(await db.fieldJobWebhookEvent.count({ where: { connectionId: connection.id } })).toBe(0);
  });

  it("a signed event with a bad body is a 400 naming the field", async () => {
    const { connection, secret } = await setUp();
    const raw = JSON.stringify({ id: "evt-3", type: "job.status_changed", data: { status: "Completed" } });
    const answer = await post(connection.id, raw, signed(secret, raw));
    expect(answer.status).toBe(400);
    expect((await answer.json()).message).toContain("data.jobId is required");
  });

  it("a rotated secret replaces the old one at once, and the secret is never readable back", async () => {
    const { connection, secret, remoteId } = await setUp();
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const { secret: next } = await admin.fieldJobs.rotateWebhookSecret({ connectionId: connection.id });
    const raw = body("evt-4", remoteId, "Scheduled");
    expect((await post(connection.id, raw, signed(secret, raw))).status).toBe(401);
    expect((await post(connection.id, raw, signed(next, raw))).status).toBe(202);
    const settings = await admin.fieldJobs.settings({ connectionId: connection.id });
    expect(JSON.stringify(settings)).not.toContain(next);
    expect(settings.webhookConfigured).toBe(true);
  });
});
