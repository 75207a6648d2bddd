/**
 * The Ascora gateway over HTTP against the fake Ascora (which serves our
 * assumed job calls, A5, A6, A17–A20): create, the lost answer a retry must
 * adopt, notes sent once, and a status change in the fake delivered as a
 * signed webhook to our route.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_ASCORA_ACCOUNT, startFakeAscora, type FakeAscoraHandle } from "@/e2e/fakes/ascora/fake-ascora-server";
import { POST } from "@/app/api/webhooks/ascora/[connectionId]/route";
import { db } from "@/server/db";
import { forgetConnector } from "@/server/crm/connection-runtime";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { drainConnectionQueue } from "@/server/crm/engine/drain-queue";
import { encryptSecret } from "@/server/crm/secret-box";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { createAscoraFieldJobGateway } from "./ascora-field-job-gateway";
import { enqueueFieldJobCreates } from "./enqueue-field-job-work";
import { registerFieldJobGateway } from "./field-job-gateways";
import { requestFieldJob } from "./request-field-job";
import { AGENT_ACTOR, createTicketWithCustomer } from "./testing/field-job-test-kit";

let fake: FakeAscoraHandle;
let hook: http.Server;
let hookUrl: string;
beforeAll(async () => {
  process.env.CRM_REMOTE_TIMEOUT_MS = "800";
  process.env.BACKGROUND_JOBS = "inline";
  // The sync queue is drained explicitly here.
  setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined });
  fake = await startFakeAscora();
  // Forwards the fake's webhook to the route handler, as Next would.
  hook = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const connectionId = req.url!.split("/").pop()!;
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
      void POST(new Request(`http://localhost${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }), { params: Promise.resolve({ connectionId }) }).then(async (answer) => {
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
      });
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/webhooks/ascora`;
});
afterAll(async () => {
  delete process.env.CRM_REMOTE_TIMEOUT_MS;
  delete process.env.BACKGROUND_JOBS;
  setSyncDispatcherForTests(null);
  registerFieldJobGateway("ascora", createAscoraFieldJobGateway);
  await fake.close();
  await new Promise<void>((resolve) => hook.close(() => resolve()));
});

async function setUp() {
  const connection = await db.crmConnection.create({
    data: {
      name: "Fake Ascora",
      provider: "ascora",
      baseUrl: fake.url,
      username: FAKE_ASCORA_ACCOUNT.username,
      secretCiphertext: encryptSecret(FAKE_ASCORA_ACCOUNT.password, "crm-connection"),
      modules: {},
    },
  });
  forgetConnector(connection.id);
  const { ticket, customer } = await createTicketWithCustomer();
  const remoteCustomer = fake.state.seedCustomer({ CompanyName: customer.name });
  await db.syncLink.create({
    data: { connectionId: connection.id, entity: "customer", entityId: customer.id, module: "Customers", externalId: String(remoteCustomer.CustomerId), status: "SYNCED" },
  });
  const { job } = await db.$transaction(async (tx) => {
    const requested = await requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, siteAddress: "1 Front St", affectedServices: ["internet"], deviceSerials: ["SN-1"], description: "Line down" }, AGENT_ACTOR);
    await enqueueFieldJobCreates(tx, [requested.job.id]);
    return requested;
  });
  const drain = (baseMs = 0) => drainConnectionQueue(db, connection.id, { backoff: { baseMs, maxMs: baseMs, jitter: "none" } });
  return { connection, ticket, job, drain, remoteCustomerId: String(remoteCustomer.CustomerId) };
}

const fakeJobs = () => [...fake.state.area("jobs").values()];

describe("Ascora field-job gateway against the fake Ascora", () => {
  it("creates the job through the sync queue for the linked customer with our reference, and a timeout after success is adopted, not repeated", async () => {
    const { connection, job, drain, remoteCustomerId } = await setUp();
    // The fault board matches by path only: arm it after the lookup, so it hits the create (POST /jobs), once.
    let armed = false;
    registerFieldJobGateway("ascora", async (d, id) => {
      const gateway = await createAscoraFieldJobGateway(d, id);
      return {
        ...gateway,
        findJobByReference: async (reference: string) => {
          const found = await gateway.findJobByReference(reference);
          if (!armed) fake.setFault({ type: "timeout_after_success", path: "/jobs", times: 1, delayMs: 3_000 });
          armed = true;
          return found;
        },
      };
    });
    expect(await drain(60_000)).toMatchObject({ failed: 1, succeeded: 0 });
    const item = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: job.id } });
    expect(item).toMatchObject({ status: "FAILED", lastErrorKind: "timeout" });
    await db.syncQueueItem.update({ where: { id: item.id }, data: { nextAttemptAt: new Date(0) } });
    expect(fakeJobs().filter((j) => j.ExternalReference === job.reference)).toHaveLength(1);
    registerFieldJobGateway("ascora", createAscoraFieldJobGateway);
    expect(await drain()).toMatchObject({ succeeded: 1 });
    const calls = await db.syncCallLog.findMany({ where: { connectionId: connection.id, entity: "field_job", entityId: job.id } });
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.some((c) => c.status === "error" && c.errorKind === "timeout")).toBe(true);
    const mine = fakeJobs().filter((j) => j.ExternalReference === job.reference);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ CustomerId: remoteCustomerId, SiteAddress: "1 Front St", DeviceSerials: ["SN-1"] });
    const stored = await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored).toMatchObject({ pushState: "CREATED", jobNumber: mine[0]!.JobNumber, remoteStatus: "Unscheduled" });
    expect(stored.remoteUrl).toMatch(/\/Jobs\/Details\//);
    const link = await db.syncLink.findUniqueOrThrow({ where: { connectionId_entity_entityId: { connectionId: connection.id, entity: "field_job", entityId: job.id } } });
    expect(link).toMatchObject({ externalId: mine[0]!.JobId, status: "SYNCED" });
  });

  it("a public reply reaches the job as one note, even when sent twice", async () => {
    const { ticket, job, drain } = await setUp();
    await drain();
    const agent = callerFor(await createTestUser("AGENT"));
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Bring a ladder.", visibility: "public" });
    await drain();
    // Sent again as if its success was never recorded: the same idempotency key makes no second note.
    await db.fieldJobDelivery.updateMany({ where: { fieldJobId: job.id }, data: { state: "PENDING" } });
    await db.syncQueueItem.updateMany({ where: { entity: "job_note", entityId: { in: (await db.fieldJobDelivery.findMany({ where: { fieldJobId: job.id } })).map((d) => d.id) } }, data: { status: "PENDING", nextAttemptAt: new Date(0) } });
    await drain();
    const remoteId = (await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteId;
    const notes = [...fake.state.area("job-notes").values()].filter((n) => n.JobId === remoteId);
    expect(notes).toHaveLength(1);
    expect(String(notes[0]!.Note)).toContain("Bring a ladder.");
  });

  it("a status changed in the fake comes back by signed webhook onto the ticket", async () => {
    const { connection, ticket, job, drain } = await setUp();
    await drain();
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const { secret } = await admin.fieldJobs.rotateWebhookSecret({ connectionId: connection.id });
    await admin.fieldJobs.saveStatusMappings({ connectionId: connection.id, rows: [{ remoteStatus: "In Progress", ticketStatus: "in_progress" }] });
    const remoteId = (await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteId!;
    const answer = await fetch(`${fake.url.replace(/\/api$/, "")}/__control/jobs/${remoteId}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "In Progress", webhook: { url: `${hookUrl}/${connection.id}`, secret } }),
    });
    expect((await answer.json()).webhookStatus).toBe(202);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("in_progress");
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteStatus).toBe("In Progress");
  });
});
