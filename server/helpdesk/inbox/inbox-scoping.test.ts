import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import type { SessionUser } from "@/server/auth/session-user";
import { issueTicketAccessToken } from "../access-tokens";
import { createTicketInTx } from "../create-ticket";
import { openFollowLink } from "../links/follow-link";
import { addTicketMessage } from "../post-message";

type Org = Awaited<ReturnType<typeof createTestOrganisation>>;
let entech: Org;
let northwind: Org;
let user: SessionUser; // client user at Entech
let colleague: SessionUser; // another client user at Entech
let admin: SessionUser; // client admin at Entech
let outsider: SessionUser; // client user at Northwind
let agent: SessionUser;
const tickets: Record<string, { id: string; number: string }> = {};

async function file(org: Org, key: string, reporterEmail: string) {
  const t = await db.$transaction((tx) =>
    createTicketInTx(tx, {
      organisationId: org.id,
      subject: `Ticket ${key}`,
      description: `About ${key}`,
      type: "general_inquiry",
      priority: "normal",
      reporterName: key,
      reporterEmail,
      channel: "api",
      author: { kind: "client_user", name: key, email: reporterEmail },
      acknowledge: false,
    }),
  );
  tickets[key] = t;
  return t;
}

async function agentSays(key: string, body: string, visibility: "public" | "internal" = "public") {
  const t = await db.ticket.findUniqueOrThrow({ where: { id: tickets[key]!.id } });
  // Distinct timestamps: unread compares message times.
  await new Promise((r) => setTimeout(r, 5));
  await db.$transaction((tx) =>
    addTicketMessage(tx, { ticketId: t.id, organisationId: t.organisationId, author: { kind: "agent", userId: agent.id, name: "Sam Agent" }, body, visibility, notify: false }),
  );
}

const fullOrg = (o: Org) => ({ id: o.id, label: o.label, name: o.name, kind: o.kind });

beforeAll(async () => {
  entech = await createTestOrganisation();
  northwind = await createTestOrganisation();
  user = await createTestUser("CLIENT_USER", fullOrg(entech));
  colleague = await createTestUser("CLIENT_USER", fullOrg(entech));
  admin = await createTestUser("CLIENT_ADMIN", fullOrg(entech));
  outsider = await createTestUser("CLIENT_USER", fullOrg(northwind));
  agent = await createTestUser("AGENT");

  await file(entech, "mine", user.email);
  await file(entech, "colleagues", colleague.email);
  // Same reporter e-mail as `user`, but filed at another organisation.
  await file(northwind, "sharedEmailElsewhere", user.email);
  await file(northwind, "outsiders", outsider.email);
});

const numbersOf = (rows: { number: string }[]) => rows.map((r) => r.number).sort();
const expectNotFound = async (p: Promise<unknown>) => {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("NOT_FOUND");
};

describe("My Tickets scoping", () => {
  it("shows a client user only their own tickets of their own organisation, even when another organisation has their e-mail", async () => {
    const page = await callerFor(user).helpdesk.inbox.list({});
    expect(page.scope).toBe("mine");
    expect(numbersOf(page.rows)).toEqual([tickets.mine!.number]);
  });

  it("ignores a client user's request for the whole organisation", async () => {
    const page = await callerFor(user).helpdesk.inbox.list({ scope: "all" });
    expect(page.scope).toBe("mine");
    expect(numbersOf(page.rows)).toEqual([tickets.mine!.number]);
  });

  it("lets a client admin switch between Mine and All of their organisation, never beyond it", async () => {
    const mine = await callerFor(admin).helpdesk.inbox.list({ scope: "mine" });
    expect(mine.rows).toEqual([]);
    const all = await callerFor(admin).helpdesk.inbox.list({ scope: "all" });
    expect(all.scope).toBe("all");
    expect(numbersOf(all.rows)).toEqual(numbersOf([tickets.mine!, tickets.colleagues!]));
  });

  it("answers not-found when opening or replying to a ticket outside the caller's scope", async () => {
    const asUser = callerFor(user).helpdesk.inbox;
    await expectNotFound(asUser.get({ number: tickets.colleagues!.number }));
    await expectNotFound(asUser.get({ number: tickets.sharedEmailElsewhere!.number }));
    await expectNotFound(asUser.reply({ number: tickets.sharedEmailElsewhere!.number, body: "let me in" }));
    const asOutsider = callerFor(outsider).helpdesk.inbox;
    await expectNotFound(asOutsider.get({ number: tickets.mine!.number }));
    await expectNotFound(asOutsider.reply({ number: tickets.mine!.number, body: "hello?" }));
    expect(await db.ticketMessage.count({ where: { ticketId: tickets.sharedEmailElsewhere!.id, body: "let me in" } })).toBe(0);
    // A client admin reaches a colleague's ticket of their own organisation only.
    await expect(callerFor(admin).helpdesk.inbox.get({ number: tickets.colleagues!.number })).resolves.toMatchObject({ number: tickets.colleagues!.number });
    await expectNotFound(callerFor(admin).helpdesk.inbox.get({ number: tickets.outsiders!.number }));
  });

  it("refuses the console's procedures to client staff", async () => {
    await expect(callerFor(user).helpdesk.tickets.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin).helpdesk.settings.apiKeys()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("attributes a reply to the person who wrote it, not to the reporter", async () => {
    await callerFor(admin).helpdesk.inbox.reply({ number: tickets.colleagues!.number, body: "Adding context as the admin." });
    const message = await db.ticketMessage.findFirstOrThrow({ where: { ticketId: tickets.colleagues!.id, body: "Adding context as the admin." } });
    expect(message).toMatchObject({ authorKind: "client_user", authorUserId: admin.id, authorEmail: admin.email, visibility: "public" });
  });
});

describe("internal notes", () => {
  it("are never returned to client roles, magic-link pages or the intake read model", async () => {
    await agentSays("mine", "Public answer for the customer");
    await agentSays("mine", "INTERNAL: customer is on the legacy plan", "internal");

    const thread = await callerFor(user).helpdesk.inbox.get({ number: tickets.mine!.number });
    const bodies = thread.messages.map((m) => m.body);
    expect(bodies).toContain("Public answer for the customer");
    expect(bodies.some((b) => b.includes("INTERNAL"))).toBe(false);
    expect(JSON.stringify(thread)).not.toContain("legacy plan");

    const link = await issueTicketAccessToken(db, { ticketId: tickets.mine!.id, recipientEmail: user.email });
    const view = await openFollowLink(db, link.token);
    expect(view.ok).toBe(true);
    if (view.ok) expect(JSON.stringify(view.ticket)).not.toContain("legacy plan");

    // The console, by contrast, shows both.
    const consoleView = await callerFor(agent).helpdesk.tickets.get({ number: tickets.mine!.number });
    expect(consoleView.messages.map((m) => m.visibility)).toContain("internal");
  });
});

describe("unread tracking", () => {
  it("counts tickets whose newest public support message is newer than what the user saw; opening clears it", async () => {
    const unread = (u: SessionUser, scope: "mine" | "all" = "mine") => callerFor(u).helpdesk.inbox.unreadCount({ scope }).then((r) => r.count);
    await callerFor(user).helpdesk.inbox.markSeen({ number: tickets.mine!.number });
    expect(await unread(user)).toBe(0);

    await agentSays("mine", "Second public answer");
    expect(await unread(user)).toBe(1);
    const row = (await callerFor(user).helpdesk.inbox.list({})).rows.find((r) => r.number === tickets.mine!.number);
    expect(row?.unread).toBe(true);

    // Per user: the admin has not seen it either, in the All scope.
    expect(await unread(admin, "all")).toBeGreaterThanOrEqual(1);

    await callerFor(user).helpdesk.inbox.markSeen({ number: tickets.mine!.number });
    expect(await unread(user)).toBe(0);
    expect((await callerFor(user).helpdesk.inbox.list({})).rows[0]?.unread).toBe(false);

    // Internal notes and the user's own replies never make a ticket unread.
    await agentSays("mine", "another internal remark", "internal");
    await callerFor(user).helpdesk.inbox.reply({ number: tickets.mine!.number, body: "Thanks!" });
    expect(await unread(user)).toBe(0);
  });

  it("is scoped: another organisation's unread tickets never count", async () => {
    await agentSays("sharedEmailElsewhere", "Answer at the other organisation");
    expect((await callerFor(user).helpdesk.inbox.unreadCount({})).count).toBe(0);
    expect((await callerFor(outsider).helpdesk.inbox.unreadCount({})).count).toBe(0);
  });
});
