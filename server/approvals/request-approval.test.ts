import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { hashToken } from "@/server/security/tokens";
import { confirmApprovalDecision, resolveApprovalLink } from "./confirm-decision";
import { ApprovalError } from "./errors";
import { requestApproval } from "./request-approval";
import { approvalLinksIn, createClientWithOwner, createTestTicket, outboxEmail, TEST_APPROVAL_CONTEXT as ctx } from "./testing/approval-fixtures";

const agent = { id: null, name: "Sam Agent" };

async function expectRefusal(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApprovalError);
  expect((error as ApprovalError).code).toBe(code);
  expect((error as ApprovalError).message).toMatch(message);
}

describe("requestApproval (single)", () => {
  it("creates a pending engagement with snapshots, two hashed single-use links, a trail entry and the e-mail", async () => {
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris@client.test" } });
    const ticket = await createTestTicket(org.id, { subject: "Drag and drop steps", replies: 2 });
    const now = new Date("2026-05-27T10:00:00Z");
    const result = await requestApproval(
      { ticketIds: [ticket.id], mode: "single", summaries: [{ ticketId: ticket.id, summary: "• The ask: reorder steps" }], note: "Quick one, Kris", requestedBy: agent, now },
      ctx,
    );

    const engagement = await db.approvalEngagement.findUniqueOrThrow({ where: { id: result.engagements[0]!.id }, include: { tokens: true } });
    expect(engagement).toMatchObject({
      state: "pending",
      ownerName: "Kris Owner",
      ownerEmail: "kris@client.test",
      summary: "• The ask: reorder steps",
      note: "Quick one, Kris",
      requestedByName: "Sam Agent",
      batchId: null,
      remindedAt: null,
      decidedAt: null,
      supersededAt: null,
    });
    expect(engagement.sentAt.toISOString()).toBe(now.toISOString());
    expect(engagement.tokens.map((t) => t.decision).sort()).toEqual(["approve", "reject"]);

    const mail = await outboxEmail(result.emailId);
    expect(mail.to).toBe("kris@client.test");
    expect(mail.category).toBe("approval-request");
    expect(mail.subject).toBe('Action needed: please review request "Drag and drop steps"');
    expect(mail.text).toContain("Quick one, Kris");
    expect(mail.text).toContain("• The ask: reorder steps");
    const links = approvalLinksIn(mail.text);
    expect(links.map((l) => l.decision)).toEqual(["approve", "reject"]);
    for (const link of links) {
      expect(link.url.startsWith("http://app.test/approve/")).toBe(true);
      const stored = engagement.tokens.find((t) => t.decision === link.decision)!;
      // Only the hash is stored: the token itself appears nowhere in the row.
      expect(stored.tokenHash).toBe(hashToken(link.token));
      expect(JSON.stringify(stored)).not.toContain(link.token);
    }

    const events = await db.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: "approval_requested" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toBe("Owner approval requested from Kris Owner by Sam Agent");
  });

  it("re-engagement supersedes every older link at once and starts fresh", async () => {
    const org = await createClientWithOwner();
    const ticket = await createTestTicket(org.id);
    const first = await requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: agent }, ctx);
    const firstLinks = approvalLinksIn((await outboxEmail(first.emailId)).text);

    const second = await requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: agent }, ctx);
    expect(second.superseded).toBe(1);
    const old = await db.approvalEngagement.findUniqueOrThrow({ where: { id: first.engagements[0]!.id }, include: { tokens: true } });
    expect(old.state).toBe("superseded");
    expect(old.supersededAt).not.toBeNull();
    expect(old.tokens.every((t) => t.revokedAt !== null)).toBe(true);
    for (const link of firstLinks) {
      expect(await resolveApprovalLink(db, link.token, link.decision)).toEqual({ status: "invalid" });
      expect(await confirmApprovalDecision({ token: link.token, decision: link.decision }, ctx)).toEqual({ status: "invalid" });
    }

    // The new request works; after its approval a third request supersedes the approved one without undoing it.
    const secondLinks = approvalLinksIn((await outboxEmail(second.emailId)).text);
    const approve = secondLinks.find((l) => l.decision === "approve")!;
    expect((await confirmApprovalDecision({ token: approve.token, decision: "approve" }, ctx)).status).toBe("recorded");
    await db.approvalEngagement.update({ where: { id: second.engagements[0]!.id }, data: { remindedAt: new Date() } });

    const third = await requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: agent }, ctx);
    const approved = await db.approvalEngagement.findUniqueOrThrow({ where: { id: second.engagements[0]!.id } });
    expect(approved.state).toBe("approved");
    expect(approved.supersededAt).not.toBeNull();
    const fresh = await db.approvalEngagement.findUniqueOrThrow({ where: { id: third.engagements[0]!.id } });
    expect(fresh).toMatchObject({ state: "pending", remindedAt: null, decidedAt: null, decisionComment: null, supersededAt: null });
    expect(await db.approvalEngagement.count({ where: { ticketId: ticket.id, supersededAt: null } })).toBe(1);
    // Past engagements stay on the trail.
    const kinds = (await db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } })).map((e) => e.kind);
    expect(kinds.filter((k) => k === "approval_requested")).toHaveLength(3);
    expect(kinds.filter((k) => k === "approval_superseded")).toHaveLength(2);
    expect(kinds).toContain("approval_decided");
  });

  it("is refused without an owner contact, and for a closed ticket", async () => {
    const noOwner = await createClientWithOwner({ owner: null, label: `NOOWN${Date.now() % 100000}` });
    const ticket = await createTestTicket(noOwner.id);
    await expectRefusal(
      requestApproval({ ticketIds: [ticket.id], mode: "single", summaries: [], requestedBy: agent }, ctx),
      "no_owner_contact",
      new RegExp(`${noOwner.label} has no owner contact`),
    );

    const org = await createClientWithOwner();
    const closed = await createTestTicket(org.id);
    await db.ticket.update({ where: { id: closed.id }, data: { status: "closed" } });
    await expectRefusal(
      requestApproval({ ticketIds: [closed.id], mode: "single", summaries: [], requestedBy: agent }, ctx),
      "ticket_closed",
      /is closed/,
    );
    expect(await db.approvalEngagement.count({ where: { ticketId: { in: [ticket.id, closed.id] } } })).toBe(0);
  });
});

describe("requestApproval (bulk)", () => {
  it("refuses tickets of more than one organisation", async () => {
    const a = await createClientWithOwner();
    const b = await createClientWithOwner();
    const t1 = await createTestTicket(a.id);
    const t2 = await createTestTicket(b.id);
    await expectRefusal(
      requestApproval({ ticketIds: [t1.id, t2.id], mode: "bulk", summaries: [], requestedBy: agent }, ctx),
      "mixed_organisations",
      /belong to 2 organisations .*select tickets of a single organisation/,
    );
  });

  it("refuses when tickets already have a pending or approved request, and says how many", async () => {
    const org = await createClientWithOwner();
    const [pending, approved, rejected, fresh] = await Promise.all([1, 2, 3, 4].map(() => createTestTicket(org.id)));
    for (const t of [pending!, approved!, rejected!]) {
      await requestApproval({ ticketIds: [t.id], mode: "single", summaries: [], requestedBy: agent }, ctx);
    }
    await db.approvalEngagement.updateMany({ where: { ticketId: approved!.id }, data: { state: "approved", decidedAt: new Date() } });
    await db.approvalEngagement.updateMany({ where: { ticketId: rejected!.id }, data: { state: "rejected", decidedAt: new Date() } });

    await expectRefusal(
      requestApproval({ ticketIds: [pending!.id, approved!.id, rejected!.id, fresh!.id], mode: "bulk", summaries: [], requestedBy: agent }, ctx),
      "already_engaged",
      /^2 of the selected tickets already have a pending or approved request/,
    );
    // Rejected and never-asked tickets may be bulk-requested.
    const ok = await requestApproval({ ticketIds: [rejected!.id, fresh!.id], mode: "bulk", summaries: [], requestedBy: agent }, ctx);
    expect(ok.engagements).toHaveLength(2);
  });

  it("refuses without an owner contact", async () => {
    const org = await createClientWithOwner({ owner: null });
    const t1 = await createTestTicket(org.id);
    const t2 = await createTestTicket(org.id);
    await expectRefusal(
      requestApproval({ ticketIds: [t1.id, t2.id], mode: "bulk", summaries: [], requestedBy: agent }, ctx),
      "no_owner_contact",
      /has no owner contact/,
    );
  });

  it("sends one e-mail with one card per ticket whose links decide each ticket independently", async () => {
    const org = await createClientWithOwner({ owner: { name: "Kris Owner", email: "kris-bulk@client.test" } });
    const tickets = [];
    for (const subject of ["First change", "Second change", "Third change"]) tickets.push(await createTestTicket(org.id, { subject }));
    const result = await requestApproval(
      {
        ticketIds: tickets.map((t) => t.id),
        mode: "bulk",
        summaries: tickets.map((t, i) => ({ ticketId: t.id, summary: `Summary ${i + 1}` })),
        requestedBy: agent,
      },
      ctx,
    );
    expect(result.batchId).toBeTruthy();
    expect(await db.outboxEmail.count({ where: { to: "kris-bulk@client.test" } })).toBe(1);
    const mail = await outboxEmail(result.emailId);
    expect(mail.subject).toBe(`Action needed: please review 3 requests from ${org.label}`);
    for (const n of [1, 2, 3]) expect(mail.text).toContain(`Request ${n} of 3`);
    const links = approvalLinksIn(mail.text);
    expect(links).toHaveLength(6);

    // Card 1 approved, card 2 rejected, card 3 left alone.
    expect(await confirmApprovalDecision({ token: links[0]!.token, decision: "approve" }, ctx)).toMatchObject({ status: "recorded", state: "approved", ticketId: tickets[0]!.id });
    expect(await confirmApprovalDecision({ token: links[3]!.token, decision: "reject" }, ctx)).toMatchObject({ status: "recorded", state: "rejected", ticketId: tickets[1]!.id });
    const states = await db.approvalEngagement.findMany({ where: { batchId: result.batchId }, select: { ticketId: true, state: true } });
    const byTicket = Object.fromEntries(states.map((s) => [s.ticketId, s.state]));
    expect(byTicket).toEqual({ [tickets[0]!.id]: "approved", [tickets[1]!.id]: "rejected", [tickets[2]!.id]: "pending" });
    expect((await resolveApprovalLink(db, links[4]!.token, "approve")).status).toBe("valid");
  });
});
