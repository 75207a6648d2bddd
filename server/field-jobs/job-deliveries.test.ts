import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { registerFieldJobGateway } from "./field-job-gateways";
import { sendFieldJobDeliveries } from "./job-deliveries";
import { pushFieldJob } from "./push-field-job";
import { requestFieldJob } from "./request-field-job";
import { AGENT_ACTOR, createAscoraConnection, createTicketWithCustomer, RecordingGateway } from "./testing/field-job-test-kit";

const gateway = new RecordingGateway();
beforeAll(() => {
  // The reply procedure hands deliveries off after commit; inline here, with the recording gateway.
  process.env.BACKGROUND_JOBS = "inline";
  registerFieldJobGateway("ascora", async () => gateway);
});

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

async function jobOnTicket() {
  const connection = await createAscoraConnection();
  const { ticket } = await createTicketWithCustomer();
  const { job } = await db.$transaction((tx) =>
    requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, siteAddress: "1 Front St", affectedServices: [], deviceSerials: [], description: "Fix" }, AGENT_ACTOR),
  );
  await pushFieldJob(db, gateway, job.id);
  const remoteId = (await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteId!;
  return { ticket, jobId: job.id, remoteId, agent: callerFor(await createTestUser("AGENT")) };
}

const notesOn = (remoteId: string) => gateway.notes.filter((n) => n.remoteId === remoteId);

describe("replies and attachments to the field job", () => {
  it("a public reply and its attachment go to the job once; running the sender again sends nothing more", async () => {
    const { ticket, jobId, remoteId, agent } = await jobOnTicket();
    await agent.helpdesk.tickets.reply({
      ticketId: ticket.id,
      body: "Technician will bring a new ONT.",
      visibility: "public",
      attachments: [{ filename: "site.png", contentType: "image/png", data: PNG.toString("base64") }],
    });
    expect(notesOn(remoteId)).toHaveLength(1);
    expect(notesOn(remoteId)[0]!.text).toContain("Technician will bring a new ONT.");
    expect(gateway.attachments.filter((a) => a.remoteId === remoteId).map((a) => a.file.filename)).toEqual(["site.png"]);
    expect(await sendFieldJobDeliveries(db, gateway, jobId)).toMatchObject({ sent: 0 });
    expect(notesOn(remoteId)).toHaveLength(1);
  });

  it("an internal note is never sent, unless marked for the field team", async () => {
    const { ticket, remoteId, agent } = await jobOnTicket();
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Customer is difficult, careful.", visibility: "internal" });
    expect(notesOn(remoteId)).toHaveLength(0);
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Gate code is 4321.", visibility: "internal", forFieldTeam: true });
    expect(notesOn(remoteId).map((n) => n.text)).toEqual([expect.stringContaining("Gate code is 4321.")]);
    expect(notesOn(remoteId)[0]!.text).toContain("Note for the field team");
  });

  it("a retryable failure leaves the delivery waiting; the retry sends it once with the same idempotency key", async () => {
    const { ticket, jobId, remoteId, agent } = await jobOnTicket();
    gateway.failNext = new ConnectorError("rate_limited", "Too many requests", { retryAfterMs: 1000 });
    await agent.helpdesk.tickets.reply({ ticketId: ticket.id, body: "On our way.", visibility: "public" });
    expect(notesOn(remoteId)).toHaveLength(0);
    const waiting = await db.fieldJobDelivery.findFirstOrThrow({ where: { fieldJobId: jobId } });
    expect(waiting).toMatchObject({ state: "PENDING", attempts: 1 });
    await sendFieldJobDeliveries(db, gateway, jobId);
    await sendFieldJobDeliveries(db, gateway, jobId);
    expect(notesOn(remoteId)).toHaveLength(1);
    expect(notesOn(remoteId)[0]!.key).toBe(`field-job-delivery:${waiting.id}`);
  });

  it("an agent sends a chosen earlier attachment; choosing it again sends nothing new", async () => {
    const { ticket, jobId, remoteId, agent } = await jobOnTicket();
    await db.fieldJobDelivery.deleteMany({ where: { fieldJobId: jobId } });
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: ticket.id } });
    const att = await db.ticketAttachment.create({
      data: { ticketId: ticket.id, messageId: message.id, organisationId: message.organisationId, filename: "photo.png", contentType: "image/png", sizeBytes: PNG.length, sha256: "x", data: PNG },
    });
    expect(await agent.fieldJobs.sendAttachments({ fieldJobId: jobId, attachmentIds: [att.id] })).toEqual({ queued: 1 });
    expect(await agent.fieldJobs.sendAttachments({ fieldJobId: jobId, attachmentIds: [att.id] })).toEqual({ queued: 0 });
    expect(gateway.attachments.filter((a) => a.remoteId === remoteId)).toHaveLength(1);
    await expect(agent.fieldJobs.sendAttachments({ fieldJobId: jobId, attachmentIds: ["someone-elses"] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not on this ticket") });
  });
});
