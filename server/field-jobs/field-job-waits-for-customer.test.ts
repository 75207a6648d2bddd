/**
 * A job for a customer not yet in Ascora waits for the customer's push
 * (queued by the job if nothing was on its way), shows why on the dashboard
 * and the ticket's job, and goes out once the customer is linked; a reply
 * posted meanwhile waits for the job and follows it. Against the fake Ascora.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { startAscoraKit, type AscoraKit } from "@/server/crm/testing/ascora-test-kit";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { createTicketWithCustomer } from "./testing/field-job-test-kit";

let kit: AscoraKit;
beforeAll(async () => {
  kit = await startAscoraKit();
});
afterAll(async () => {
  await kit.close();
});

describe("a job waits for its customer", () => {
  it("waits, visibly and without spending attempts, while the customer's push fails; goes out with the customer's Ascora id once it is linked", async () => {
    const { ticket, customer } = await createTicketWithCustomer();
    const agent = callerFor(await createTestUser("AGENT"));
    const { id: jobId } = await agent.fieldJobs.create({
      ticketId: ticket.id,
      connectionId: kit.connection.id,
      siteAddress: "1 Front St",
      affectedServices: [],
      deviceSerials: [],
      description: "Line down",
    });
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Bring a ladder.", visibility: "public" });
    // Ascora is down for customers: the customer's push fails and is retried later.
    kit.fake.setFault({ type: "http_500", path: "/customers" });
    await kit.drain({ backoff: { baseMs: 60_000, maxMs: 60_000, jitter: "none" } });

    const jobItem = await db.syncQueueItem.findFirstOrThrow({ where: { entity: "field_job", entityId: jobId } });
    expect(jobItem).toMatchObject({ status: "PENDING", attempts: 0, lastErrorKind: "waiting" });
    expect(jobItem.lastError).toBe(`Waiting for customer ${customer.name} to be created in ${kit.connection.name}`);
    const customerPush = await db.syncQueueItem.findFirstOrThrow({ where: { connectionId: kit.connection.id, entity: "customer", entityId: customer.id } });
    expect(customerPush.status).toBe("FAILED");
    expect(await db.fieldJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ pushState: "PENDING", lastError: jobItem.lastError });
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const queue = await admin.crm.sync.queue({ connectionId: kit.connection.id, page: 1, pageSize: 25 });
    const row = queue.rows.find((r) => r.id === jobItem.id)!;
    expect(row).toMatchObject({ entity: "field_job", waiting: true, lastError: jobItem.lastError });
    expect(row.recordLabel).toContain(ticket.number);
    expect([...kit.fake.state.area("jobs").values()]).toHaveLength(0);

    kit.fake.clearFaults();
    await db.syncQueueItem.update({ where: { id: customerPush.id }, data: { nextAttemptAt: new Date(0) } });
    // One drain: the customer goes, which releases the job, which releases the reply.
    await kit.drain();
    const link = await db.syncLink.findUniqueOrThrow({
      where: { connectionId_entity_entityId: { connectionId: kit.connection.id, entity: "customer", entityId: customer.id } },
    });
    const job = await db.fieldJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ pushState: "CREATED", lastError: null });
    const remoteJob = kit.fake.state.area("jobs").get(job.remoteId!)!;
    expect(remoteJob.CustomerId).toBe(link.externalId);
    const notes = [...kit.fake.state.area("job-notes").values()].filter((n) => n.JobId === job.remoteId);
    expect(notes.map((n) => String(n.Note))).toEqual([expect.stringContaining("Bring a ladder.")]);
    expect(await db.syncQueueItem.findUniqueOrThrow({ where: { id: jobItem.id } })).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    const calls = await db.syncCallLog.findMany({ where: { connectionId: kit.connection.id, entityId: jobId } });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.entity === "field_job" && c.queueItemId === jobItem.id)).toBe(true);
  });

  it("a customer push in the dead letter keeps the job waiting with that reason instead of pushing the customer again", async () => {
    const { ticket, customer } = await createTicketWithCustomer();
    const agent = callerFor(await createTestUser("AGENT"));
    const { id: jobId } = await agent.fieldJobs.create({ ticketId: ticket.id, connectionId: kit.connection.id, siteAddress: "1 Front St", affectedServices: [], deviceSerials: [], description: "x" });
    kit.fake.setFault({ type: "unauthorized", path: "/customers" });
    await kit.drain();
    kit.fake.clearFaults();
    expect(await db.syncQueueItem.count({ where: { entity: "customer", entityId: customer.id, status: "DEAD" } })).toBe(1);
    await db.syncQueueItem.updateMany({ where: { entityId: jobId }, data: { nextAttemptAt: new Date(0) } });
    await kit.drain();
    const item = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: jobId } });
    expect(item).toMatchObject({ status: "PENDING", attempts: 0, lastErrorKind: "waiting" });
    expect(item.lastError).toContain("is in the dead letter");
    expect(await db.syncQueueItem.count({ where: { entity: "customer", entityId: customer.id } })).toBe(1);
  });
});
