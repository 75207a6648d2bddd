import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { applyRemoteJobStatus } from "./apply-job-status";
import { activeKeyOf } from "./request-field-job";
import { createAscoraConnection, createTicketWithCustomer, linkCustomer } from "./testing/field-job-test-kit";
import { withInlineRecordingGateway } from "./testing/inline-recording-gateway";

const gateway = withInlineRecordingGateway();

const fields = { siteAddress: "1 Front St, Toronto", affectedServices: ["internet"], deviceSerials: ["SN-42"], description: "Line down" };

/** A ticket with one job made remotely (through the console procedure), and an agent's caller. */
async function ticketWithJob() {
  const connection = await createAscoraConnection();
  const { ticket, customer } = await createTicketWithCustomer();
  // Linked, so the job goes out in the same drain instead of waiting for the customer.
  await linkCustomer(connection.id, customer.id);
  const caller = callerFor(await createTestUser("AGENT"));
  const first = await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
  const job = await db.fieldJob.findUniqueOrThrow({ where: { id: first.id } });
  expect(job.pushState).toBe("CREATED");
  const setRemoteStatus = (status: string) =>
    applyRemoteJobStatus(db, { connectionId: connection.id, remoteId: job.remoteId!, status, changedAt: null, source: "webhook" });
  return { connection, ticket, caller, job, setRemoteStatus };
}

const activeJobs = (ticketId: string) => db.fieldJob.count({ where: { ticketId, activeKey: { not: null } } });

describe("a second job after a finished one", () => {
  it("while the job runs, asking again folds into it; once it is Completed the ticket gets a new job and keeps the old one's history", async () => {
    const { connection, ticket, caller, job, setRemoteStatus } = await ticketWithJob();
    expect(await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields })).toMatchObject({ id: job.id, created: false });

    await setRemoteStatus("In Progress");
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).activeKey).not.toBeNull();
    expect(await setRemoteStatus("Completed")).toBe("applied");
    expect(await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ activeKey: null, remoteStatus: "Completed", pushState: "CREATED" });
    const ended = await db.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "field_job_status", summary: { contains: "→ Completed" } } });
    expect(ended.summary).toContain("the ticket can get a new job");

    const before = gateway.creates;
    const second = await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields, description: "Second visit" });
    expect(second.created).toBe(true);
    expect(second.id).not.toBe(job.id);
    expect(gateway.creates - before).toBe(1);
    const view = await caller.fieldJobs.forTicket({ ticketId: ticket.id });
    expect(view.jobs.map((j) => [j.id, j.remoteStatus, j.activeKey !== null])).toEqual([
      [second.id, "Unscheduled", true],
      [job.id, "Completed", false],
    ]);
  });

  it("a finished job's later statuses still reach the trail but never take the ticket's active slot back", async () => {
    const { connection, ticket, caller, job, setRemoteStatus } = await ticketWithJob();
    await setRemoteStatus("Cancelled");
    const second = await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields });
    expect(await setRemoteStatus("Scheduled")).toBe("applied");
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).activeKey).toBeNull();
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: second.id } })).activeKey).toBe(activeKeyOf(ticket.id, connection.id));
  });

  it("the admin's mapping decides: a mapped status marked 'ends the job' ends it, Completed mapped without it does not", async () => {
    const { connection, ticket, caller, job, setRemoteStatus } = await ticketWithJob();
    await db.fieldJobStatusMapping.createMany({
      data: [
        { connectionId: connection.id, remoteStatus: "Completed", ticketStatus: "resolved", endsJob: false },
        { connectionId: connection.id, remoteStatus: "Signed Off", ticketStatus: null, endsJob: true },
      ],
    });
    await setRemoteStatus("Completed");
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).activeKey).not.toBeNull();
    expect(await caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields })).toMatchObject({ id: job.id, created: false });
    await setRemoteStatus("signed off");
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).activeKey).toBeNull();
  });

  it("parallel requests after the job ended make exactly one new job", async () => {
    const { connection, ticket, caller, setRemoteStatus } = await ticketWithJob();
    await setRemoteStatus("Completed");
    const before = gateway.creates;
    const results = await Promise.all(Array.from({ length: 6 }, () => caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(gateway.creates - before).toBe(1);
    expect(await activeJobs(ticket.id)).toBe(1);
    expect(await db.fieldJob.count({ where: { ticketId: ticket.id } })).toBe(2);
  });

  it("the job ending while agents ask for a new one never leaves two active jobs", async () => {
    for (let round = 0; round < 3; round += 1) {
      const { connection, ticket, caller, setRemoteStatus } = await ticketWithJob();
      await Promise.all([
        setRemoteStatus("Completed"),
        caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields }),
        caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields }),
      ]);
      expect(await activeJobs(ticket.id)).toBeLessThanOrEqual(1);
    }
  });

  it("the database itself refuses a second active job on one ticket and connection", async () => {
    const { connection, ticket, job } = await ticketWithJob();
    await expect(
      db.fieldJob.create({
        data: { organisationId: job.organisationId, ticketId: ticket.id, connectionId: connection.id, reference: `${ticket.number}-DIRECT`, activeKey: job.activeKey, siteAddress: "x", description: "x" },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});
