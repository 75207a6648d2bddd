import { openOutboxEmail } from "@/server/testing/outbox";
import { describe, expect, it } from "vitest";
import { approvalLinksIn, createClientWithOwner, createTestTicket } from "@/server/approvals/testing/approval-fixtures";
import { db } from "@/server/db";
import { callerFor, createTestUser } from "@/server/testing/factories";

async function clientStaff(org: { id: string; label: string; name: string }) {
  const full = { ...org, kind: "CLIENT" as const };
  return { admin: await createTestUser("CLIENT_ADMIN", full), user: await createTestUser("CLIENT_USER", full) };
}

describe("approvals router", () => {
  it("lets provider staff prepare and send, and answers refusals with the reason", async () => {
    const agent = callerFor(await createTestUser("AGENT"));
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-router@client.test" } });
    const other = await createClientWithOwner();
    const t1 = await createTestTicket(org.id);
    const t2 = await createTestTicket(other.id);

    const refused = await agent.approvals.prepare({ ticketIds: [t1.id, t2.id], mode: "bulk" });
    expect(refused).toMatchObject({ ok: false, code: "mixed_organisations" });

    const ready = await agent.approvals.prepare({ ticketIds: [t1.id], mode: "single" });
    expect(ready).toMatchObject({ ok: true, owner: { name: "Kris Owner", email: "kris-router@client.test" }, aiEnabled: false });

    const drafts = await agent.approvals.draftSummaries({ ticketIds: [t1.id] });
    expect(drafts.aiEnabled).toBe(false);
    expect(drafts.summaries[0]?.note).toMatch(/AI summaries are off, so this brief was prefilled/);
    expect(drafts.summaries[0]?.summary).toMatch(/^• The ask: /);

    // An empty brief is refused unless the agent explicitly sends without one.
    await expect(
      agent.approvals.send({ ticketIds: [t1.id], mode: "single", note: "", summaries: [{ ticketId: t1.id, summary: "   " }] }),
    ).rejects.toThrow(/no summary: write one, or choose \\"Send without a summary\\"/);
    const sent = await agent.approvals.send({ ticketIds: [t1.id], mode: "single", note: "", summaries: [{ ticketId: t1.id, summary: "Brief" }] });
    expect(sent.engagements).toHaveLength(1);
    const mail = await openOutboxEmail((await db.outboxEmail.findFirstOrThrow({ where: { to: "kris-router@client.test" } })).id);
    expect(approvalLinksIn(mail.text)).toHaveLength(2);

    const status = await agent.approvals.ticketStatus({ ticketId: t1.id });
    expect(status.current).toMatchObject({ state: "pending", ownerName: "Kris Owner", summary: "Brief" });
    expect(await agent.approvals.statesForTickets({ ticketIds: [t1.id, t2.id] })).toEqual({ [t1.id]: { state: "pending", ownerName: "Kris Owner" } });

    // Bulk re-request of a pending ticket is refused with the count, as an error at send time too.
    await expect(agent.approvals.send({ ticketIds: [t1.id], mode: "bulk", note: "", summaries: [], sendWithoutSummary: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^1 of the selected tickets already has a pending or approved request/),
    });
  });

  it("keeps client staff out of the console procedures and scopes their pills", async () => {
    const org = await createClientWithOwner();
    const other = await createClientWithOwner();
    const { admin, user } = await clientStaff(org);
    const own = await createTestTicket(org.id, { reporterEmail: user.email });
    const colleague = await createTestTicket(org.id, { reporterEmail: "someone-else@client.test" });
    const foreign = await createTestTicket(other.id);
    const agent = callerFor(await createTestUser("AGENT"));
    for (const t of [own, colleague, foreign]) await agent.approvals.send({ ticketIds: [t.id], mode: "single", note: "", summaries: [], sendWithoutSummary: true });

    await expect(callerFor(user).approvals.prepare({ ticketIds: [own.id], mode: "single" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin).approvals.report({})).rejects.toMatchObject({ code: "FORBIDDEN" });

    const ids = [own.id, colleague.id, foreign.id];
    expect(Object.keys(await callerFor(user).approvals.inboxStatesForTickets({ ticketIds: ids }))).toEqual([own.id]);
    expect(Object.keys(await callerFor(admin).approvals.inboxStatesForTickets({ ticketIds: ids })).sort()).toEqual([own.id, colleague.id].sort());
  });

  it("lets a client admin edit their own owner contact, and a provider admin any; nobody else", async () => {
    const org = await createClientWithOwner({ owner: null });
    const { admin, user } = await clientStaff(org);

    expect(await callerFor(user).approvals.myOwnerContact()).toMatchObject({ configured: false, ownerName: null });
    await expect(callerFor(user).approvals.updateMyOwnerContact({ ownerName: "X", ownerEmail: "x@client.test" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const saved = await callerFor(admin).approvals.updateMyOwnerContact({ ownerName: " Kris Owner ", ownerEmail: "KRIS@Client.Test" });
    expect(saved).toMatchObject({ organisationId: org.id, ownerName: "Kris Owner", ownerEmail: "kris@client.test", configured: true });
    await expect(callerFor(admin).approvals.updateMyOwnerContact({ ownerName: "Kris", ownerEmail: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Enter the owner's e-mail as well"),
    });
    await expect(callerFor(admin).approvals.updateMyOwnerContact({ ownerName: "Kris", ownerEmail: "not-an-email" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const agent = callerFor(await createTestUser("AGENT"));
    await expect(agent.approvals.updateOwnerContactFor({ organisationId: org.id, data: { ownerName: "Y", ownerEmail: "y@client.test" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const providerAdmin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    const byAdmin = await providerAdmin.approvals.updateOwnerContactFor({ organisationId: org.id, data: { ownerName: "Pat Boss", ownerEmail: "pat@client.test" } });
    expect(byAdmin).toMatchObject({ ownerName: "Pat Boss", configured: true });
    // Clearing both turns approvals off for the organisation.
    expect(await providerAdmin.approvals.updateOwnerContactFor({ organisationId: org.id, data: { ownerName: "", ownerEmail: "" } })).toMatchObject({ configured: false });
    expect((await agent.approvals.ownerContacts()).find((c) => c.organisationId === org.id)?.configured).toBe(false);
  });

  it("lets only provider admins change the reminder days", async () => {
    const agent = callerFor(await createTestUser("AGENT"));
    const admin = callerFor(await createTestUser("PROVIDER_ADMIN"));
    await expect(agent.approvals.updateSettings({ reminderDays: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.approvals.updateSettings({ reminderDays: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await admin.approvals.updateSettings({ reminderDays: 0 })).toMatchObject({ reminderDays: 0 });
    expect(await agent.approvals.settings()).toMatchObject({ reminderDays: 0 });
  });
});
