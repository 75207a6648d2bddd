/**
 * Field jobs on the CRM sync queue with a recording gateway (our interface;
 * the Ascora wire format is covered against the fake in
 * ascora-field-job-gateway.test.ts): backoff, dead letter, retry from the
 * dead letter, and notes that wait for their job.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { drainConnectionQueue } from "@/server/crm/engine/drain-queue";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { registerFieldJobGateway } from "./field-job-gateways";
import { requestFieldJob } from "./request-field-job";
import { AGENT_ACTOR, createAscoraConnection, createTicketWithCustomer, linkCustomer, RecordingGateway } from "./testing/field-job-test-kit";

const gateway = new RecordingGateway();
/** While set, every job create fails with it (Ascora down). */
let outage: ConnectorError | null = null;
beforeAll(() => {
  setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined });
  registerFieldJobGateway("ascora", async () => ({
    ...gateway,
    findJobByReference: (r) => gateway.findJobByReference(r),
    getJobs: (ids) => gateway.getJobs(ids),
    addJobNote: (id, text, key) => gateway.addJobNote(id, text, key),
    addJobAttachment: (id, file, key) => gateway.addJobAttachment(id, file, key),
    createJob: async (draft) => {
      if (outage) throw outage;
      return gateway.createJob(draft);
    },
  }));
});
afterAll(() => setSyncDispatcherForTests(null));

const fields = { siteAddress: "1 Front St, Toronto", affectedServices: ["internet"], deviceSerials: ["SN-42"], description: "Line down" };
const BACKOFF = { baseMs: 10_000, maxMs: 600_000, jitter: "none" as const };

describe("field jobs on the sync queue", () => {
  it("a transient failure is retried with exponential backoff, dead-lettered after the last attempt, and a retry from the dead letter sends the job and its waiting note once", async () => {
    const connection = await createAscoraConnection();
    const { ticket, customer } = await createTicketWithCustomer();
    await linkCustomer(connection.id, customer.id);
    const agent = callerFor(await createTestUser("AGENT"));
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const { id: jobId } = await agent.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Gate code 4321.", visibility: "public" });
    const jobItem = await db.syncQueueItem.findFirstOrThrow({ where: { entity: "field_job", entityId: jobId } });
    await db.syncQueueItem.update({ where: { id: jobItem.id }, data: { maxAttempts: 3 } });
    outage = new ConnectorError("transient", "Ascora answered 503");

    const steps: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const clock = new Date();
      await drainConnectionQueue(db, connection.id, { backoff: BACKOFF, now: () => clock });
      const item = await db.syncQueueItem.findUniqueOrThrow({ where: { id: jobItem.id } });
      expect(item).toMatchObject({ status: "FAILED", attempts: attempt, lastErrorKind: "transient", lastError: "Ascora answered 503" });
      steps.push(item.nextAttemptAt.getTime() - clock.getTime());
      await db.syncQueueItem.update({ where: { id: jobItem.id }, data: { nextAttemptAt: new Date(0) } });
    }
    // Exponential steps from the engine's backoff: 10 s, then 20 s.
    expect(steps).toEqual([10_000, 20_000]);
    // The note waits for its job without spending attempts.
    const note = await db.syncQueueItem.findFirstOrThrow({ where: { connectionId: connection.id, entity: "job_note" } });
    expect(note).toMatchObject({ status: "PENDING", attempts: 0, lastErrorKind: "waiting", lastError: "Waiting for the field job to be created first" });

    await drainConnectionQueue(db, connection.id, { backoff: BACKOFF });
    expect(await db.syncQueueItem.findUniqueOrThrow({ where: { id: jobItem.id } })).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(await db.fieldJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ pushState: "FAILED", activeKey: null, lastError: "Ascora answered 503" });
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "field_job_failed" } })).toBe(1);
    // The job's dead item releases its note at once, which then says why it cannot go.
    const deadNote = await db.syncQueueItem.findUniqueOrThrow({ where: { id: note.id } });
    expect(deadNote.status).toBe("DEAD");
    expect(deadNote.lastError).toContain("The field job was never created");
    expect((await admin.crm.sync.queue({ connectionId: connection.id, status: "DEAD", page: 1, pageSize: 25 })).total).toBe(2);

    outage = null;
    expect(await admin.crm.sync.retry({ connectionId: connection.id, allDead: true })).toMatchObject({ retried: 2 });
    await drainConnectionQueue(db, connection.id, { backoff: BACKOFF });
    const job = await db.fieldJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ pushState: "CREATED", activeKey: `${ticket.id}:${connection.id}`, lastError: null });
    expect([...gateway.jobs.values()].filter((j) => j.reference === job.reference)).toHaveLength(1);
    expect(gateway.notes.filter((n) => n.remoteId === job.remoteId).map((n) => n.text)).toEqual([expect.stringContaining("Gate code 4321.")]);
    expect(await db.syncQueueItem.count({ where: { connectionId: connection.id, status: { not: "SUCCEEDED" } } })).toBe(0);
    const link = await db.syncLink.findUniqueOrThrow({ where: { connectionId_entity_entityId: { connectionId: connection.id, entity: "field_job", entityId: jobId } } });
    expect(link).toMatchObject({ externalId: job.remoteId, status: "SYNCED", module: "Jobs" });
  });

  it("a job retried from the dead letter after the ticket got a newer job stays failed and says so", async () => {
    const connection = await createAscoraConnection();
    const { ticket, customer } = await createTicketWithCustomer();
    await linkCustomer(connection.id, customer.id);
    const agent = callerFor(await createTestUser("AGENT"));
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const first = await agent.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
    gateway.failNext = new ConnectorError("validation", "Ascora refused the job");
    expect(await drainConnectionQueue(db, connection.id, { backoff: BACKOFF })).toMatchObject({ dead: 1 });
    const second = await agent.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
    expect(second.created).toBe(true);
    await drainConnectionQueue(db, connection.id, { backoff: BACKOFF });
    await admin.crm.sync.retry({ connectionId: connection.id, allDead: true });
    await drainConnectionQueue(db, connection.id, { backoff: BACKOFF });
    const dead = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: first.id } });
    expect(dead).toMatchObject({ status: "DEAD", lastError: "The ticket has a newer field job on this connection; this one stays failed" });
    expect(await db.fieldJob.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ pushState: "FAILED", activeKey: null });
    expect(await db.fieldJob.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ pushState: "CREATED" });
  });

  it("a job whose organisation has no customer record is dead-lettered with the reason, not sent", async () => {
    const connection = await createAscoraConnection();
    const { ticket, customer } = await createTicketWithCustomer();
    await db.customer.update({ where: { id: customer.id }, data: { organisationId: null } });
    const agent = callerFor(await createTestUser("AGENT"));
    const { id } = await agent.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
    const before = gateway.creates;
    expect(await drainConnectionQueue(db, connection.id, { backoff: BACKOFF })).toMatchObject({ dead: 1 });
    expect((await db.syncQueueItem.findFirstOrThrow({ where: { entityId: id } })).lastError).toContain("no customer record");
    expect(gateway.creates).toBe(before);
  });

  it("the upgrade migration gives work left waiting by the old field-job retries its queue item, once, and the queue sends it", async () => {
    const connection = await createAscoraConnection();
    const { ticket, customer } = await createTicketWithCustomer();
    await linkCustomer(connection.id, customer.id);
    // A job and a reply queued the old way: rows only, no queue items.
    const { job } = await db.$transaction((tx) => requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, ...fields }, AGENT_ACTOR));
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id } });
    await db.fieldJobDelivery.create({ data: { fieldJobId: job.id, kind: "note", sourceId: message.id } });
    const sql = readFileSync("prisma/migrations/20261205233000_field_jobs_on_sync_queue/migration.sql", "utf8");
    const statements = sql.split(/;\s*\n/).map((x) => x.replace(/^--.*$/gm, "").trim()).filter(Boolean);
    for (let run = 0; run < 2; run++) for (const statement of statements) await db.$executeRawUnsafe(statement);
    const items = await db.syncQueueItem.findMany({ where: { connectionId: connection.id }, orderBy: { entity: "asc" } });
    expect(items.map((i) => [i.entity, i.status])).toEqual([
      ["field_job", "PENDING"],
      ["job_note", "PENDING"],
    ]);
    await drainConnectionQueue(db, connection.id, { backoff: BACKOFF });
    const created = await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(created.pushState).toBe("CREATED");
    expect(gateway.notes.filter((n) => n.remoteId === created.remoteId)).toHaveLength(1);
  });
});
