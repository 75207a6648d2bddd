import { beforeAll, describe, expect, it } from "vitest";
import { ticketListQuerySchema, type TicketListQueryInput } from "@/lib/validators/helpdesk";
import type { SessionUser } from "@/server/auth/session-user";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { createTicketInTx } from "../create-ticket";
import { unsafeListConsoleTickets } from "../list-tickets";
import { addTicketMessage } from "../post-message";
import { NO_DEADLINE } from "../ticket-sla";

let agent: SessionUser;
let other: SessionUser;
let orgId: string;
const ids: Record<string, string> = {};

const list = (input: TicketListQueryInput, userId = agent.id) =>
  unsafeListConsoleTickets(db, ticketListQuerySchema.parse({ status: "", ...input }), { userId });
const subjects = (page: { rows: { subject: string }[] }) => page.rows.map((r) => r.subject);

async function file(key: string, opts: { assigneeId?: string | null; minutesAgo: number }) {
  const t = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: orgId,
      subject: `Queue ${key}`,
      description: `About ${key}`,
      type: "connectivity_issue",
      priority: "normal",
      reporterName: `Reporter ${key}`,
      reporterEmail: `${key}@client.example`,
      assigneeId: opts.assigneeId ?? null,
      channel: "console",
      author: { kind: "agent", name: "Sam" },
      acknowledge: false,
      now: new Date(Date.now() - opts.minutesAgo * 60_000),
    }),
  );
  ids[key] = t.id;
}

beforeAll(async () => {
  const org = await createTestOrganisation({ label: "QUEUE" });
  orgId = org.id;
  agent = await createTestUser("AGENT");
  other = await createTestUser("AGENT");
  await file("mine-a", { assigneeId: agent.id, minutesAgo: 50 });
  await file("mine-b", { assigneeId: agent.id, minutesAgo: 40 });
  await file("theirs", { assigneeId: other.id, minutesAgo: 30 });
  await file("nobody", { minutesAgo: 20 });
  await file("breached", { minutesAgo: 10 });
  // Stored SLA columns are what the queue sorts on (the sweep keeps them current).
  const due = (m: number) => new Date(Date.now() + m * 60_000);
  const at = (m: number | null) => ({ nearestDueAt: m === null ? null : due(m), queueDueAt: m === null ? NO_DEADLINE : due(m) });
  await db.ticket.update({ where: { id: ids["mine-a"] }, data: { ...at(90), queueRank: 1, priority: "high" } });
  await db.ticket.update({ where: { id: ids["mine-b"] }, data: { ...at(30), queueRank: 1, status: "in_progress" } });
  await db.ticket.update({ where: { id: ids.theirs }, data: { ...at(null), queueRank: 1 } });
  await db.ticket.update({ where: { id: ids.nobody }, data: { ...at(60), queueRank: 1 } });
  await db.ticket.update({ where: { id: ids.breached }, data: { ...at(-5), queueRank: 0, slaState: "breached" } });
});

describe("the agent queue", () => {
  it("filters by assignee: me, unassigned, or a named agent", async () => {
    expect(subjects(await list({ assignee: "me" })).sort()).toEqual(["Queue mine-a", "Queue mine-b"]);
    expect(subjects(await list({ assignee: "none" })).sort()).toEqual(["Queue breached", "Queue nobody"]);
    expect(subjects(await list({ assignee: [other.id] }))).toEqual(["Queue theirs"]);
    expect(subjects(await list({ assignee: "me,none" })).length).toBe(4);
    // "me" is whoever asks.
    expect(subjects(await list({ assignee: "me" }, other.id))).toEqual(["Queue theirs"]);
  });

  it("sorts breached first, then the soonest SLA deadline, tickets without one last", async () => {
    expect(subjects(await list({}))).toEqual(["Queue breached", "Queue mine-b", "Queue nobody", "Queue mine-a", "Queue theirs"]);
  });

  it("pages by keyset in both directions without repeats or gaps, across the null deadlines and enum sorts", async () => {
    const sorts = ["queue:asc", "queue:desc", "dueAt:asc", "dueAt:desc", "updatedAt:desc", "createdAt:asc", "number:asc", "subject:desc", "status:asc", "priority:desc"] as const;
    for (const sort of sorts) {
      const all = (await list({ sort, pageSize: 10 })).rows.map((r) => r.id);
      const p1 = await list({ sort, pageSize: 2 });
      const p2 = await list({ sort, pageSize: 2, page: 2, after: p1.nextCursor! });
      const p3 = await list({ sort, pageSize: 2, page: 3, after: p2.nextCursor! });
      expect([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.id), sort).toEqual(all);
      expect(p3.nextCursor, sort).toBeNull();
      expect(p1.prevCursor, sort).toBeNull();
      const back = await list({ sort, pageSize: 2, page: 2, before: p3.prevCursor! });
      expect(back.rows.map((r) => r.id), sort).toEqual(p2.rows.map((r) => r.id));
    }
  });

  it("pages a filtered list by keyset the same as by offset", async () => {
    const input = { assignee: "me,none", sort: "queue:asc", pageSize: 1 } as const;
    const p1 = await list(input);
    const p2 = await list({ ...input, page: 2, after: p1.nextCursor! });
    expect(p2.total).toBe(4);
    expect(p2.rows.map((r) => r.id)).toEqual((await list({ ...input, page: 2 })).rows.map((r) => r.id));
  });

  it("searches literally: % and _ match themselves, not any text", async () => {
    expect((await list({ search: "%" })).total).toBe(0);
    expect((await list({ search: "mine_a" })).total).toBe(0);
    expect(subjects(await list({ search: "mine-a" }))).toEqual(["Queue mine-a"]);
  });

  it("refuses a cursor it did not write", async () => {
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
    await expect(list({ sort: "status:asc", after: forged(["status", "bogus'); DROP", "x"]) })).rejects.toThrow(/page link is out of date/);
    await expect(list({ sort: "dueAt:asc", after: forged(["dueAt", null, "x"]) })).rejects.toThrow(/page link is out of date/);
    await expect(list({ after: "not-a-cursor" })).rejects.toThrow(/page link is out of date/);
    const foreign = Buffer.from(JSON.stringify(["updatedAt", "2026-01-01T00:00:00.000Z", "x"])).toString("base64url");
    await expect(list({ sort: "queue:asc", after: foreign })).rejects.toThrow(/page link is out of date/);
    await expect(callerFor(agent).helpdesk.tickets.list({ after: "%%%" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("marks a customer reply, keeps it unread per agent, e-mails and badges the assignee", async () => {
    const before = await db.outboxEmail.count({ where: { to: agent.email } });
    await db.$transaction((tx) =>
      addTicketMessage(tx, {
        ticketId: ids["mine-a"]!,
        organisationId: orgId,
        author: { kind: "reporter_via_link", name: "Reporter mine-a", email: "mine-a@client.example" },
        body: "Still broken after the restart.",
      }),
    );
    const row = (await list({ assignee: "me" })).rows.find((r) => r.id === ids["mine-a"])!;
    expect(row).toMatchObject({ customerReplied: true, unread: true });
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { to: agent.email }, orderBy: { createdAt: "desc" } });
    expect(await db.outboxEmail.count({ where: { to: agent.email } })).toBe(before + 1);
    expect(mail.subject).toMatch(/^Customer replied: Queue mine-a/);
    expect(mail.text).toContain("Still broken after the restart.");
    expect(mail.text).toMatch(/\/tickets\/TCK-/);

    const api = callerFor(agent);
    expect(await api.helpdesk.queue.unreadCount()).toEqual({ count: 1 });
    await api.helpdesk.queue.markSeen({ ticketId: ids["mine-a"]! });
    expect(await api.helpdesk.queue.unreadCount()).toEqual({ count: 0 });
    expect((await list({ assignee: "me" })).rows.find((r) => r.id === ids["mine-a"])).toMatchObject({ customerReplied: true, unread: false });
    // Another agent has not opened it.
    expect((await list({}, other.id)).rows.find((r) => r.id === ids["mine-a"])!.unread).toBe(true);

    // Our public answer clears the marker.
    await db.$transaction((tx) =>
      addTicketMessage(tx, { ticketId: ids["mine-a"]!, organisationId: orgId, author: { kind: "agent", userId: agent.id, name: "Agent" }, body: "Looking.", notify: false }),
    );
    expect((await list({ assignee: "me" })).rows.find((r) => r.id === ids["mine-a"])!.customerReplied).toBe(false);
  });

  it("applies a bulk change per ticket and reports each result", async () => {
    const api = callerFor(agent);
    const { results } = await api.helpdesk.queue.bulkUpdate({ ids: [ids.nobody!, ids.breached!, "missing-id"], data: { assigneeId: other.id } });
    expect(results).toEqual([
      expect.objectContaining({ id: ids.nobody, outcome: "changed" }),
      expect.objectContaining({ id: ids.breached, outcome: "changed" }),
      { id: "missing-id", number: null, outcome: "failed", message: "Ticket not found" },
    ]);
    const again = await api.helpdesk.queue.bulkUpdate({ ids: [ids.nobody!], data: { assigneeId: other.id } });
    expect(again.results[0]!.outcome).toBe("unchanged");
    const bad = await api.helpdesk.queue.bulkUpdate({ ids: [ids.nobody!], data: { assigneeId: "no-such-user" } });
    expect(bad.results[0]).toMatchObject({ outcome: "failed", message: expect.any(String) });
    await expect(api.helpdesk.queue.bulkUpdate({ ids: [ids.nobody!], data: { status: "closed", priority: "high" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(api.helpdesk.queue.bulkUpdate({ ids: [], data: { status: "closed" } })).rejects.toThrow(/Select at least one ticket/);
  });

  it("saves named views, shares them, and lets only the owner delete", async () => {
    const mine = callerFor(agent);
    const theirs = callerFor(other);
    const view = await mine.helpdesk.queue.createView({ name: "My breached", query: "?assignee=me&sla=breached&page=4&after=abc", shared: true });
    expect(view.query).toBe("assignee=me&sla=breached");
    await expect(mine.helpdesk.queue.createView({ name: "My breached", query: "" })).rejects.toThrow(/already have a view/);
    await mine.helpdesk.queue.createView({ name: "Private", query: "assignee=none" });
    expect((await theirs.helpdesk.queue.views()).map((v) => v.name)).toEqual(["My breached"]);
    await expect(theirs.helpdesk.queue.deleteView({ id: view.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await mine.helpdesk.queue.deleteView({ id: view.id });
    expect((await mine.helpdesk.queue.views()).map((v) => v.name)).toEqual(["Private"]);
  });
});
