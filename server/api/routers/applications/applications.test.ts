import { describe, expect, it } from "vitest";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { db } from "@/server/db";
import { createTestApplication } from "@/server/applications/testing/application-fixtures";

describe("applications router", () => {
  it("lets provider staff create, search and filter applications", async () => {
    const agent = await createTestUser("AGENT");
    const org = (await createTestApplication()).org;
    const created = await callerFor(agent).applications.create({ organisationId: org.id, applicantName: "Zed Zebra", program: "Hearing aids", signaturePages: [3], formPageCount: 6 });
    expect(created.number).toMatch(/^APP-[0-9A-Z]{8}$/);
    const found = await callerFor(agent).applications.list({ search: "zebra", organisationId: org.id });
    expect(found.rows.map((r) => r.number)).toEqual([created.number]);
    const filtered = await callerFor(agent).applications.list({ status: "approved", organisationId: org.id });
    expect(filtered.total).toBe(0);
  });

  it("names bad input: signature pages beyond the form, a provider organisation, a ticket of another client", async () => {
    const agent = await createTestUser("AGENT");
    const { org } = await createTestApplication();
    await expect(
      callerFor(agent).applications.create({ organisationId: org.id, applicantName: "A", program: "P", signaturePages: [20], formPageCount: 14 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Signature pages must be within the form's 14 pages" });
    const provider = await db.organisation.findUniqueOrThrow({ where: { id: agent.organisationId } });
    await expect(callerFor(agent).applications.create({ organisationId: provider.id, applicantName: "A", program: "P" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      callerFor(agent).applications.create({ organisationId: org.id, applicantName: "A", program: "P", ticketNumber: "TCK-222222222222" }),
    ).rejects.toThrow("No ticket TCK-222222222222 for this organisation");
  });

  it("a status gate refusal is a CONFLICT naming what is missing", async () => {
    const agent = await createTestUser("AGENT");
    const app = await createTestApplication();
    await db.application.update({ where: { id: app.id }, data: { status: "application_received" } });
    await expect(callerFor(agent).applications.changeStatus({ id: app.id, to: "ready_for_submission" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Cannot mark ready for submission: missing the original application PDF and signed pages 11 & 12/),
    });
  });

  it("shows client admins their own organisation's applications only, read-only; client users and other organisations see nothing", async () => {
    const mine = await createTestApplication();
    const theirs = await createTestApplication();
    const orgRow = await db.organisation.findUniqueOrThrow({ where: { id: mine.org.id } });
    const admin = await createTestUser("CLIENT_ADMIN", orgRow);
    const list = await callerFor(admin).applications.inboxList({ organisationId: theirs.org.id });
    expect(list.rows.map((r) => r.number)).toEqual([mine.number]);
    expect((await callerFor(admin).applications.inboxGet({ number: mine.number })).number).toBe(mine.number);
    await expect(callerFor(admin).applications.inboxGet({ number: theirs.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(admin).applications.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const user = await createTestUser("CLIENT_USER", orgRow);
    await expect(callerFor(user).applications.inboxList({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
