import { describe, expect, it } from "vitest";
import { createFieldJobSchema, sendFieldJobAttachmentsSchema } from "@/lib/validators/field-jobs";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { applyRemoteJobStatus } from "./apply-job-status";
import { createAscoraConnection, createTicketWithCustomer, linkCustomer } from "./testing/field-job-test-kit";
import { withInlineRecordingGateway } from "./testing/inline-recording-gateway";

const gateway = withInlineRecordingGateway();

const fields = { siteAddress: "1 Front St, Toronto", affectedServices: [], deviceSerials: [], description: "Replace the router" };
const file = (filename: string, text: string) => ({ filename, contentType: "text/plain", data: Buffer.from(text).toString("base64") });

/** A ticket with three earlier attachments (on a public reply and an internal note), and an agent's caller. */
async function ticketWithAttachments() {
  const connection = await createAscoraConnection();
  const { ticket, customer } = await createTicketWithCustomer();
  // Linked, so the job goes out in the same drain instead of waiting for the customer.
  await linkCustomer(connection.id, customer.id);
  const caller = callerFor(await createTestUser("AGENT"));
  await caller.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Photos of the cabinet", visibility: "public", attachments: [file("cabinet.txt", "cabinet photo"), file("rack.txt", "rack")] });
  await caller.helpdesk.tickets.reply({ ticketId: ticket.id, body: "Config for the tech", visibility: "internal", attachments: [file("config.txt", "hostname edge-1")] });
  const attachments = await db.ticketAttachment.findMany({ where: { ticketId: ticket.id }, orderBy: { filename: "asc" }, select: { id: true, filename: true } });
  const byName = Object.fromEntries(attachments.map((a) => [a.filename, a.id])) as Record<"cabinet.txt" | "config.txt" | "rack.txt", string>;
  return { connection, ticket, caller, byName };
}

const sentNames = (remoteId: string) => gateway.attachments.filter((a) => a.remoteId === remoteId).map((a) => a.file.filename).sort();

describe("choosing earlier attachments for a field job", () => {
  it("the ticket's page offers its attachments with names and sizes; the chosen ones go with the new job, once", async () => {
    const { connection, ticket, caller, byName } = await ticketWithAttachments();
    const before = await caller.fieldJobs.forTicket({ ticketId: ticket.id });
    expect(before.attachments.map((a) => [a.filename, a.sizeBytes, a.internal])).toEqual([
      ["cabinet.txt", 13, false],
      ["rack.txt", 4, false],
      ["config.txt", 15, true],
    ]);

    const created = await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields, attachmentIds: [byName["cabinet.txt"], byName["config.txt"], byName["config.txt"]] });
    expect(created).toMatchObject({ created: true, attachmentsQueued: 2 });
    const job = await db.fieldJob.findUniqueOrThrow({ where: { id: created.id } });
    expect(sentNames(job.remoteId!)).toEqual(["cabinet.txt", "config.txt"]);
    const view = await caller.fieldJobs.forTicket({ ticketId: ticket.id });
    expect(view.jobs[0]!.attachmentIds.sort()).toEqual([byName["cabinet.txt"], byName["config.txt"]].sort());
    expect(view.jobs[0]!.sent).toBe(2);

    // Later, from the job panel: one more, and the ones already sent are not sent again.
    expect(await caller.fieldJobs.sendAttachments({ fieldJobId: job.id, attachmentIds: [byName["rack.txt"], byName["cabinet.txt"]] })).toEqual({ queued: 1 });
    expect(await caller.fieldJobs.sendAttachments({ fieldJobId: job.id, attachmentIds: [byName["rack.txt"]] })).toEqual({ queued: 0 });
    expect(sentNames(job.remoteId!)).toEqual(["cabinet.txt", "config.txt", "rack.txt"]);
  });

  it("another ticket's attachment is refused with a 4xx naming the field, and no job is written", async () => {
    const { connection, ticket, caller } = await ticketWithAttachments();
    const other = await ticketWithAttachments();
    const error = await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields, attachmentIds: [other.byName["rack.txt"]] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "One chosen attachment is not on this ticket: choose among the ticket's own attachments" });
    expect(await db.fieldJob.count({ where: { ticketId: ticket.id } })).toBe(0);
    await expect(caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields, attachmentIds: ["no-such-attachment"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.fieldJob.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("the job panel refuses another ticket's attachment, an empty choice, and a job that is over", async () => {
    const { connection, ticket, caller, byName } = await ticketWithAttachments();
    const other = await ticketWithAttachments();
    const { id } = await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
    await expect(caller.fieldJobs.sendAttachments({ fieldJobId: id, attachmentIds: [byName["rack.txt"], other.byName["rack.txt"], other.byName["config.txt"]] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("2 chosen attachments are not on this ticket"),
    });
    expect(await db.fieldJobDelivery.count({ where: { fieldJobId: id } })).toBe(0);
    await expect(caller.fieldJobs.sendAttachments({ fieldJobId: id, attachmentIds: [] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Choose at least one attachment") });

    const job = await db.fieldJob.findUniqueOrThrow({ where: { id } });
    await applyRemoteJobStatus(db, { connectionId: connection.id, remoteId: job.remoteId!, status: "Completed", changedAt: null, source: "webhook" });
    await expect(caller.fieldJobs.sendAttachments({ fieldJobId: id, attachmentIds: [byName["rack.txt"]] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("over or failed"),
    });
  });

  it("the schemas cap the choice and fold repeats", () => {
    const many = Array.from({ length: 21 }, (_, i) => `a${i}`);
    expect(createFieldJobSchema.safeParse({ ticketId: "t", connectionId: "c", ...fields, attachmentIds: many }).error?.issues[0]?.message).toBe("Choose at most 20 attachments");
    expect(sendFieldJobAttachmentsSchema.parse({ fieldJobId: "j", attachmentIds: ["a", "a", "b"] }).attachmentIds).toEqual(["a", "b"]);
    expect(createFieldJobSchema.parse({ ticketId: "t", connectionId: "c", ...fields }).attachmentIds).toEqual([]);
  });
});
