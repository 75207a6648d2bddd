import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { drainConnectionQueue } from "@/server/crm/engine/drain-queue";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { registerFieldJobGateway } from "./field-job-gateways";
import { requestFieldJob } from "./request-field-job";
import { AGENT_ACTOR, createAscoraConnection, createRemoteJob, createTicketWithCustomer, RecordingGateway } from "./testing/field-job-test-kit";

const gateway = new RecordingGateway();
beforeAll(() => {
  // The queue is drained explicitly here; no background drains racing the assertions.
  setSyncDispatcherForTests({ push: async () => undefined, pull: async () => undefined });
  registerFieldJobGateway("ascora", async () => gateway);
});

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
const drain = (connectionId: string) => drainConnectionQueue(db, connectionId, { backoff: { baseMs: 60_000, maxMs: 60_000, jitter: "none" } });

async function jobOnTicket() {
  const connection = await createAscoraConnection();
  const { ticket } = await createTicketWithCustomer();
  const { job } = await db.$transaction((tx) =>
    requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, siteAddress: "1 Front St", affectedServices: [], deviceSerials: [], description: "Fix" }, AGENT_ACTOR),
  );
  await createRemoteJob(gateway, job.id);
  const remoteId = (await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteId!;
  return { connection, ticket, jobId: job.id, remoteId, agent: callerFor(await createTestUser("AGENT")) };
}

const notesOn = (remoteId: string) => gateway.notes.filter((n) => n.remoteId === remoteId);

describe("replies and attachments to the field job", () => {
  it("a public reply and its attachment go to the job once, through the sync queue, with links; draining again sends nothing more", async () => {
    const { connection, ticket, jobId, remoteId, agent } = await jobOnTicket();
    await agent.helpdesk.tickets.reply({
      ticketId: ticket.id,
      body: "Technician will bring a new ONT.",
      visibility: "public",
      attachments: [{ filename: "site.png", contentType: "image/png", data: PNG.toString("base64") }],
    });
    const items = await db.syncQueueItem.findMany({ where: { connectionId: connection.id }, orderBy: { createdAt: "asc" } });
    expect(items.map((i) => [i.entity, i.operation, i.status])).toEqual([
      ["job_note", "CREATE", "PENDING"],
      ["job_attachment", "CREATE", "PENDING"],
    ]);
    expect(await drain(connection.id)).toMatchObject({ succeeded: 2, failed: 0, dead: 0 });
    expect(notesOn(remoteId)).toHaveLength(1);
    expect(notesOn(remoteId)[0]!.text).toContain("Technician will bring a new ONT.");
    expect(gateway.attachments.filter((a) => a.remoteId === remoteId).map((a) => a.file.filename)).toEqual(["site.png"]);
    const deliveries = await db.fieldJobDelivery.findMany({ where: { fieldJobId: jobId } });
    expect(deliveries.every((d) => d.state === "SENT" && d.remoteId)).toBe(true);
    const links = await db.syncLink.findMany({ where: { connectionId: connection.id, entityId: { in: deliveries.map((d) => d.id) } } });
    expect(links.map((l) => [l.entity, l.status]).sort()).toEqual([
      ["job_attachment", "SYNCED"],
      ["job_note", "SYNCED"],
    ]);
    await db.syncQueueItem.updateMany({ where: { connectionId: connection.id }, data: { status: "PENDING", nextAttemptAt: new Date(0) } });
    await drain(connection.id);
    expect(notesOn(remoteId)).toHaveLength(1);
  });

  it("an internal note is never sent, unless marked for the field team", async () => {
    const { connection, ticket, remoteId, agent } = await jobOnTicket();
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Customer is difficult, careful.", visibility: "internal" });
    expect(await db.syncQueueItem.count({ where: { connectionId: connection.id } })).toBe(0);
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Gate code is 4321.", visibility: "internal", forFieldTeam: true });
    await drain(connection.id);
    expect(notesOn(remoteId).map((n) => n.text)).toEqual([expect.stringContaining("Gate code is 4321.")]);
    expect(notesOn(remoteId)[0]!.text).toContain("Note for the field team");
  });

  it("a rate-limited send is retried after Retry-After and sends once with the same idempotency key", async () => {
    const { connection, ticket, jobId, remoteId, agent } = await jobOnTicket();
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "On our way.", visibility: "public" });
    gateway.failNext = new ConnectorError("rate_limited", "Too many requests", { retryAfterMs: 120_000 });
    const before = Date.now();
    expect(await drain(connection.id)).toMatchObject({ failed: 1 });
    expect(notesOn(remoteId)).toHaveLength(0);
    const delivery = await db.fieldJobDelivery.findFirstOrThrow({ where: { fieldJobId: jobId } });
    const item = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: delivery.id } });
    expect(delivery.state).toBe("PENDING");
    expect(item).toMatchObject({ status: "FAILED", attempts: 1, lastErrorKind: "rate_limited" });
    expect(item.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    await db.syncQueueItem.update({ where: { id: item.id }, data: { nextAttemptAt: new Date(0) } });
    await drain(connection.id);
    await drain(connection.id);
    expect(notesOn(remoteId)).toHaveLength(1);
    expect(notesOn(remoteId)[0]!.key).toBe(`field-job-delivery:${delivery.id}`);
  });

  it("an agent sends a chosen earlier attachment; choosing it again sends nothing new", async () => {
    const { connection, ticket, jobId, remoteId, agent } = await jobOnTicket();
    await db.fieldJobDelivery.deleteMany({ where: { fieldJobId: jobId } });
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id } });
    const att = await db.ticketAttachment.create({
      data: { ticketId: ticket.id, messageId: message.id, organisationId: message.organisationId, filename: "photo.png", contentType: "image/png", sizeBytes: PNG.length, sha256: "x", data: PNG },
    });
    expect(await agent.fieldJobs.sendAttachments({ fieldJobId: jobId, attachmentIds: [att.id] })).toEqual({ queued: 1 });
    expect(await agent.fieldJobs.sendAttachments({ fieldJobId: jobId, attachmentIds: [att.id] })).toEqual({ queued: 0 });
    expect(await db.syncQueueItem.count({ where: { connectionId: connection.id, entity: "job_attachment" } })).toBe(1);
    await drain(connection.id);
    expect(gateway.attachments.filter((a) => a.remoteId === remoteId)).toHaveLength(1);
    await expect(agent.fieldJobs.sendAttachments({ fieldJobId: jobId, attachmentIds: ["someone-elses"] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not on this ticket") });
  });
});
