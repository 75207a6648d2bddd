import { beforeAll, describe, expect, it } from "vitest";
import { statusMappingSchema } from "@/lib/validators/field-jobs";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { applyRemoteJobStatus } from "./apply-job-status";
import { registerFieldJobGateway } from "./field-job-gateways";
import { pullJobStatuses } from "./pull-job-statuses";
import { requestFieldJob } from "./request-field-job";
import { mapRemoteStatus, statusEndsJob } from "./status-mapping";
import { AGENT_ACTOR, createAscoraConnection, createRemoteJob, createTicketWithCustomer, RecordingGateway } from "./testing/field-job-test-kit";

const gateway = new RecordingGateway();
beforeAll(() => registerFieldJobGateway("ascora", async () => gateway));

async function jobOnTicket() {
  const connection = await createAscoraConnection();
  const { ticket } = await createTicketWithCustomer();
  const { job } = await db.$transaction((tx) =>
    requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, siteAddress: "1 Front St", affectedServices: [], deviceSerials: [], description: "Fix" }, AGENT_ACTOR),
  );
  await createRemoteJob(gateway, job.id);
  const created = await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } });
  return { connection, ticket, job: created, remoteId: created.remoteId! };
}

const ticketStatus = async (id: string) => (await db.ticket.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const statusEvents = (ticketId: string) => db.ticketEvent.findMany({ where: { ticketId, kind: "field_job_status" }, orderBy: { createdAt: "asc" } });

describe("status mapping", () => {
  it("matches remote statuses case-insensitively; unmapped and 'trail only' give no ticket status", () => {
    const rows = [
      { remoteStatus: "Completed", ticketStatus: "resolved" as const, endsJob: true },
      { remoteStatus: "Scheduled", ticketStatus: null, endsJob: false },
    ];
    expect(mapRemoteStatus(rows, " completed ")).toBe("resolved");
    expect(mapRemoteStatus(rows, "Scheduled")).toBeNull();
    expect(mapRemoteStatus(rows, "On hold")).toBeNull();
  });

  it("a status ends the job as the admin's row says; unmapped, only the plain end words do", () => {
    const rows = [
      { remoteStatus: "Job Done", ticketStatus: null, endsJob: true },
      { remoteStatus: "Closed", ticketStatus: null, endsJob: false },
    ];
    expect(statusEndsJob(rows, "job done")).toBe(true);
    expect(statusEndsJob(rows, "Closed")).toBe(false);
    expect(statusEndsJob(rows, " Cancelled ")).toBe(true);
    expect(statusEndsJob(rows, "Completed")).toBe(true);
    expect(statusEndsJob(rows, "In Progress")).toBe(false);
  });

  it("refuses duplicate statuses and unknown ticket statuses", () => {
    const dup = statusMappingSchema.safeParse({ connectionId: "c", rows: [{ remoteStatus: "Done", ticketStatus: "resolved" }, { remoteStatus: "done", ticketStatus: null }] });
    expect(dup.error?.issues[0]?.message).toBe("Each Ascora status may appear only once");
    const unknown = statusMappingSchema.safeParse({ connectionId: "c", rows: [{ remoteStatus: "Done", ticketStatus: "finished" }] });
    expect(unknown.error?.issues[0]?.message).toBe('Unknown ticket status "finished"');
  });

  it("an admin saves the mapping; agents may not", async () => {
    const connection = await createAscoraConnection();
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    await admin.fieldJobs.saveStatusMappings({
      connectionId: connection.id,
      rows: [
        { remoteStatus: "In Progress", ticketStatus: "in_progress" },
        { remoteStatus: "Job Done", ticketStatus: "resolved", endsJob: true },
      ],
    });
    const settings = await admin.fieldJobs.settings({ connectionId: connection.id });
    expect(settings.mappings).toEqual([
      { remoteStatus: "In Progress", ticketStatus: "in_progress", endsJob: false },
      { remoteStatus: "Job Done", ticketStatus: "resolved", endsJob: true },
    ]);
    const agent = callerFor(await createTestUser("AGENT"));
    await expect(agent.fieldJobs.saveStatusMappings({ connectionId: connection.id, rows: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("job status back onto the ticket", () => {
  it("a pulled change writes the trail and moves the ticket as mapped; the same change again does nothing", async () => {
    const { connection, ticket, remoteId } = await jobOnTicket();
    await db.fieldJobStatusMapping.createMany({ data: [{ connectionId: connection.id, remoteStatus: "In Progress", ticketStatus: "in_progress" }] });
    gateway.setStatus(remoteId, "In Progress");
    expect(await pullJobStatuses(db, gateway, connection.id)).toMatchObject({ applied: 1 });
    expect(await ticketStatus(ticket.id)).toBe("in_progress");
    expect((await statusEvents(ticket.id)).map((e) => e.summary)).toEqual([expect.stringContaining("Unscheduled → In Progress")]);
    expect(await pullJobStatuses(db, gateway, connection.id)).toMatchObject({ applied: 0, unchanged: 1 });
    expect(await statusEvents(ticket.id)).toHaveLength(1);
  });

  it("an unmapped status only writes the trail; an older change than the one held is ignored", async () => {
    const { connection, ticket, job, remoteId } = await jobOnTicket();
    const t0 = job.remoteStatusAt!;
    const later = new Date(t0.getTime() + 60_000);
    expect(await applyRemoteJobStatus(db, { connectionId: connection.id, remoteId, status: "On Hold", changedAt: later, source: "webhook" })).toBe("applied");
    expect(await ticketStatus(ticket.id)).toBe("open");
    const older = new Date(t0.getTime() + 30_000);
    expect(await applyRemoteJobStatus(db, { connectionId: connection.id, remoteId, status: "Scheduled", changedAt: older, source: "pull" })).toBe("stale");
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).remoteStatus).toBe("On Hold");
  });

  it("a mapped move the ticket's lifecycle forbids is noted on the trail, not forced", async () => {
    const { connection, ticket, remoteId } = await jobOnTicket();
    await db.fieldJobStatusMapping.create({ data: { connectionId: connection.id, remoteStatus: "Completed", ticketStatus: "waiting_on_customer" } });
    await db.ticket.update({ where: { id: ticket.id }, data: { status: "closed" } });
    await applyRemoteJobStatus(db, { connectionId: connection.id, remoteId, status: "Completed", changedAt: null, source: "pull" });
    expect(await ticketStatus(ticket.id)).toBe("closed");
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "field_job_status_skipped" } })).toBe(1);
  });

  it("a status for a job we do not know changes nothing", async () => {
    const connection = await createAscoraConnection();
    expect(await applyRemoteJobStatus(db, { connectionId: connection.id, remoteId: "unknown", status: "Completed", changedAt: null, source: "webhook" })).toBe("unknown_job");
  });
});
