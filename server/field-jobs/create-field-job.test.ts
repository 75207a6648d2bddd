import { describe, expect, it } from "vitest";
import { createFieldJobSchema } from "@/lib/validators/field-jobs";
import { db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { createTicket } from "@/server/helpdesk/create-ticket";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { pushFieldJob } from "./push-field-job";
import { requestFieldJob } from "./request-field-job";
import { AGENT_ACTOR, createAscoraConnection, createTicketWithCustomer } from "./testing/field-job-test-kit";
import { withInlineRecordingGateway } from "./testing/inline-recording-gateway";

const gateway = withInlineRecordingGateway();

const fields = { siteAddress: "1 Front St, Toronto", affectedServices: ["internet"], deviceSerials: ["SN-42"], description: "Line down" };

describe("create field job", () => {
  it("creates the remote job from the console and shows link, number and status; a double click makes no second job", async () => {
    const connection = await createAscoraConnection();
    const { ticket } = await createTicketWithCustomer();
    const caller = callerFor(await createTestUser("AGENT"));
    const before = gateway.creates;
    const [a, b] = await Promise.all([
      caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields }),
      caller.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields }),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(gateway.creates - before).toBe(1);

    const view = await caller.fieldJobs.forTicket({ ticketId: ticket.id });
    expect(view.jobs).toHaveLength(1);
    expect(view.jobs[0]).toMatchObject({ pushState: "CREATED", remoteStatus: "Unscheduled", jobNumber: expect.stringMatching(/^J\d+$/), remoteUrl: expect.stringContaining("https://ascora.test/jobs/") });
    const remote = gateway.jobs.get(view.jobs[0]!.remoteId!)!;
    expect(remote.draft).toMatchObject({ siteAddress: "1 Front St, Toronto", affectedServices: ["internet"], deviceSerials: ["SN-42"], description: "Line down" });
    expect(remote.draft.title).toContain(ticket.number);
    const trail = await db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: { startsWith: "field_job" } }, orderBy: { createdAt: "asc" } });
    expect(trail.map((e) => e.kind)).toEqual(["field_job_requested", "field_job_created"]);
  });

  it("a timeout after the remote made the job: the retry finds it by our reference instead of creating a second", async () => {
    const connection = await createAscoraConnection();
    const { ticket } = await createTicketWithCustomer();
    const { job } = await db.$transaction((tx) => requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, ...fields }, AGENT_ACTOR));
    const before = gateway.creates;
    gateway.loseNextCreateAnswer = true;
    await expect(pushFieldJob(db, gateway, job.id)).rejects.toMatchObject({ kind: "timeout" });
    expect((await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } })).pushState).toBe("PENDING");
    const retry = await pushFieldJob(db, gateway, job.id);
    expect(retry.outcome).toBe("adopted");
    expect(gateway.creates - before).toBe(1);
    const again = await pushFieldJob(db, gateway, job.id);
    expect(again.outcome).toBe("already_created");
    expect(gateway.creates - before).toBe(1);
  });

  it("a refusal fails the job visibly and frees the ticket for a new request", async () => {
    const connection = await createAscoraConnection();
    const { ticket } = await createTicketWithCustomer();
    const { job } = await db.$transaction((tx) => requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, ...fields }, AGENT_ACTOR));
    gateway.failNext = new ConnectorError("validation", "Ascora refused the job: customer is required");
    expect((await pushFieldJob(db, gateway, job.id)).outcome).toBe("failed");
    const failed = await db.fieldJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed).toMatchObject({ pushState: "FAILED", activeKey: null, lastError: "Ascora refused the job: customer is required" });
    const trail = await db.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "field_job_failed" } });
    expect(trail.summary).toContain("customer is required");
    const next = await db.$transaction((tx) => requestFieldJob(tx, { ticketId: ticket.id, connectionId: connection.id, ...fields }, AGENT_ACTOR));
    expect(next.created).toBe(true);
  });

  it("refuses a disabled or non-Ascora connection and bad fields with messages a form can show", async () => {
    const disabled = await createAscoraConnection({ enabled: false });
    const { ticket } = await createTicketWithCustomer();
    const caller = callerFor(await createTestUser("AGENT"));
    await expect(caller.fieldJobs.create({ ticketId: ticket.id, connectionId: disabled.id, ...fields })).rejects.toMatchObject({ message: expect.stringContaining("is disabled") });
    await expect(caller.fieldJobs.create({ ticketId: ticket.id, connectionId: "nope", ...fields })).rejects.toMatchObject({ message: "That connection was not found" });
    const bad = createFieldJobSchema.safeParse({ ticketId: ticket.id, connectionId: disabled.id, siteAddress: "  ", description: "", deviceSerials: ["x".repeat(101)] });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["Site address is required", "Description is required", "Each device serial must be at most 100 characters"]));
    expect(await db.fieldJob.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("client staff cannot create field jobs", async () => {
    const connection = await createAscoraConnection();
    const { ticket, org } = await createTicketWithCustomer();
    const client = callerFor(await createTestUser("CLIENT_ADMIN", org));
    await expect(client.fieldJobs.create({ ticketId: ticket.id, connectionId: connection.id, ...fields })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("auto-create for chosen ticket types", () => {
  it("a new ticket of a chosen type gets a job (from the ticket's fields); other types do not", async () => {
    const connection = await createAscoraConnection();
    await db.fieldJobSettings.create({ data: { connectionId: connection.id, autoCreateTypes: ["installation_request"] } });
    const org = await createTestOrganisation();
    const base = {
      organisationId: org.id,
      subject: "Install fibre",
      description: "New office",
      priority: "normal" as const,
      reporterName: "Rita",
      reporterEmail: `rita-${org.label.toLowerCase()}@example.test`,
      channel: "console" as const,
      serviceAddress: "9 Bay St",
      deviceSerials: ["ONT-1"],
      author: { kind: "agent" as const, name: "Sam" },
      acknowledge: false,
    };
    const install = await createTicket({ ...base, type: "installation_request" });
    const other = await createTicket({ ...base, type: "billing_issue" });
    const job = await db.fieldJob.findFirstOrThrow({ where: { ticketId: install.id, connectionId: connection.id } });
    expect(job).toMatchObject({ pushState: "CREATED", siteAddress: "9 Bay St", deviceSerials: ["ONT-1"] });
    expect(await db.fieldJob.count({ where: { ticketId: other.id } })).toBe(0);
  });

  it("a ticket and customer without any address get a trail line instead of a job", async () => {
    const connection = await createAscoraConnection();
    await db.fieldJobSettings.create({ data: { connectionId: connection.id, autoCreateTypes: ["equipment_issue"] } });
    const { ticket } = await createTicketWithCustomer({ type: "equipment_issue", serviceAddress: null, customerAddress: false });
    expect(await db.fieldJob.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await db.ticketEvent.count({ where: { ticketId: ticket.id, kind: "field_job_skipped" } })).toBe(1);
  });
});
