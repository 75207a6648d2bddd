import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session-user";
import { settleBackgroundWork } from "@/server/auth/background-work";
import { db } from "@/server/db";
import { hashToken } from "@/server/security/tokens";
import { codeOf } from "@/server/testing/trpc-code";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { openOutboxEmail } from "@/server/testing/outbox";
import { peerHeaderForTests } from "@/server/net/socket-peer";

let provider: Awaited<ReturnType<typeof createTestOrganisation>>;
let orgA: Awaited<ReturnType<typeof createTestOrganisation>>;
let orgB: Awaited<ReturnType<typeof createTestOrganisation>>;
let admin: SessionUser;
let secondAdmin: SessionUser;
let agent: SessionUser;
let adminA: SessionUser;
let userA: SessionUser;
let adminB: SessionUser;
let userB: SessionUser;

beforeAll(async () => {
  provider = await createTestOrganisation({ kind: "PROVIDER" });
  orgA = await createTestOrganisation();
  orgB = await createTestOrganisation();
  admin = await createTestUser("PROVIDER_ADMIN", provider);
  secondAdmin = await createTestUser("PROVIDER_ADMIN", provider);
  agent = await createTestUser("AGENT", provider);
  adminA = await createTestUser("CLIENT_ADMIN", orgA);
  userA = await createTestUser("CLIENT_USER", orgA);
  adminB = await createTestUser("CLIENT_ADMIN", orgB);
  userB = await createTestUser("CLIENT_USER", orgB);
});

beforeEach(async () => {
  await db.addressBlock.deleteMany();
  await db.authThrottle.deleteMany();
});

const anonymousFrom = (ip: string) => createCaller(createTRPCContext({ headers: new Headers(peerHeaderForTests(ip)), user: null }));

/** The raw token of the newest invitation e-mailed to `email`, read from the outbox (the row stores only its hash). */
async function invitationTokenFor(email: string): Promise<string> {
  const row = await db.outboxEmail.findFirstOrThrow({ where: { to: email, category: "invitation" }, orderBy: { createdAt: "desc" } });
  const mail = await openOutboxEmail(row.id);
  return mail.text.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
}

describe("a client admin never sees or changes another organisation's people", () => {
  it("every people procedure aimed at organisation B answers NOT_FOUND or FORBIDDEN and changes nothing", async () => {
    const api = callerFor(adminA);
    const invite = await callerFor(adminB).people.invitations.create({ organisationId: orgB.id, email: "b-colleague@example.test", role: "CLIENT_USER" });
    await db.session.create({ data: { tokenHash: hashToken(`s-${userB.id}`), userId: userB.id, expires: new Date(Date.now() + 3_600_000) } });
    const attempts: Record<string, () => Promise<unknown>> = {
      "members.list": () => api.people.members.list({ organisationId: orgB.id }),
      "members.get": () => api.people.members.get({ userId: userB.id }),
      "members.changeRole": () => api.people.members.changeRole({ userId: userB.id, organisationId: orgB.id, role: "CLIENT_ADMIN" }),
      "members.remove": () => api.people.members.remove({ userId: userB.id, organisationId: orgB.id }),
      "members.move": () => api.people.members.move({ userId: userB.id, fromOrganisationId: orgB.id, toOrganisationId: orgA.id, role: "CLIENT_USER" }),
      "members.disable": () => api.people.members.disable({ userId: userB.id }),
      "members.enable": () => api.people.members.enable({ userId: userB.id }),
      "members.signOutEverywhere": () => api.people.members.signOutEverywhere({ userId: userB.id }),
      "members.unlock": () => api.people.members.unlock({ userId: userB.id }),
      "members.sendPasswordReset": () => api.people.members.sendPasswordReset({ userId: userB.id }),
      "members.delete": () => api.people.members.delete({ userId: userB.id }),
      "invitations.create": () => api.people.invitations.create({ organisationId: orgB.id, email: "intruder@example.test", role: "CLIENT_USER" }),
      "invitations.resend": () => api.people.invitations.resend({ id: invite.id }),
      "invitations.revoke": () => api.people.invitations.revoke({ id: invite.id }),
      "invitations.listPending": () => api.people.invitations.listPending({ organisationId: orgB.id }),
      "organisations.list": () => api.people.organisations.list({}),
      "organisations.get": () => api.people.organisations.get({ id: orgB.id }),
      "organisations.create": () => api.people.organisations.create({ name: "Sneaky", label: "SNEAKY", ownerName: "", ownerEmail: "", billingContactName: "", billingContactEmail: "", adminEmail: "" }),
      "organisations.update": () => api.people.organisations.update({ id: orgB.id, data: { name: "Renamed" } }),
      "organisations.archive": () => api.people.organisations.archive({ id: orgB.id }),
      "organisations.restore": () => api.people.organisations.restore({ id: orgB.id }),
      "organisations.linkCustomer": () => api.people.organisations.linkCustomer({ id: orgB.id, customerId: null }),
      "blocks.list": () => api.people.blocks.list(),
      "blocks.create": () => api.people.blocks.create({ address: "203.0.113.1", duration: "1h", reason: "" }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect([name, await codeOf(attempt())]).toEqual([name, expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)]);
    }
    const b = await db.user.findUniqueOrThrow({ where: { id: userB.id }, include: { memberships: true } });
    expect(b).toMatchObject({ disabledAt: null, deletedAt: null });
    expect(b.memberships).toEqual([expect.objectContaining({ organisationId: orgB.id, role: "CLIENT_USER" })]);
    expect(await db.session.count({ where: { userId: userB.id } })).toBe(1);
    expect(await db.invitation.count({ where: { id: invite.id, pendingKey: { not: null } } })).toBe(1);
    expect(await db.organisation.count({ where: { label: "SNEAKY" } })).toBe(0);
  });

  it("client users and agents cannot manage people at all", async () => {
    for (const who of [userA, agent]) {
      expect(await codeOf(callerFor(who).people.members.list({ organisationId: who.organisationId }))).toBe("FORBIDDEN");
      expect(await codeOf(callerFor(who).people.invitations.create({ organisationId: who.organisationId, email: "x@example.test", role: "CLIENT_USER" }))).toBe("FORBIDDEN");
    }
  });

  it("a client admin manages their own people, with client roles only", async () => {
    const api = callerFor(adminA);
    expect((await api.people.members.list({ organisationId: orgA.id })).map((p) => p.id)).toEqual(expect.arrayContaining([adminA.id, userA.id]));
    expect(await codeOf(api.people.invitations.create({ organisationId: orgA.id, email: "boss@example.test", role: "PROVIDER_ADMIN" }))).toBe("FORBIDDEN");
    expect(await codeOf(api.people.members.changeRole({ userId: userA.id, organisationId: orgA.id, role: "AGENT" }))).toBe("FORBIDDEN");
  });
});

describe("roles", () => {
  it("nobody raises themselves", async () => {
    // A client user whose session still says "admin" (e.g. demoted a moment ago) tries to raise themselves back.
    const self = await createTestUser("CLIENT_USER", orgA);
    expect(await codeOf(callerFor({ ...self, role: "CLIENT_ADMIN" }).people.members.changeRole({ userId: self.id, organisationId: orgA.id, role: "CLIENT_ADMIN" }))).toBe("FORBIDDEN");
    expect(await db.membership.findFirstOrThrow({ where: { userId: self.id } })).toMatchObject({ role: "CLIENT_USER" });
    // Keeping one's own role is not a raise.
    expect(await codeOf(callerFor(adminA).people.members.changeRole({ userId: adminA.id, organisationId: orgA.id, role: "CLIENT_ADMIN" }))).toBe("OK");
  });

  it("a provider admin changes a role; the change is recorded with who and when, and the person's sessions end", async () => {
    const person = await createTestUser("CLIENT_USER", orgB);
    await db.session.create({ data: { tokenHash: hashToken(`s-${person.id}`), userId: person.id, expires: new Date(Date.now() + 3_600_000) } });
    await callerFor(admin).people.members.changeRole({ userId: person.id, organisationId: orgB.id, role: "CLIENT_ADMIN" });
    expect(await db.membership.findFirstOrThrow({ where: { userId: person.id } })).toMatchObject({ role: "CLIENT_ADMIN" });
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.accountAction.findFirstOrThrow({ where: { userId: person.id, action: "role.changed" } })).toMatchObject({ actorId: admin.id, detail: { from: "CLIENT_USER", to: "CLIENT_ADMIN" } });
  });

  it("roles must fit the organisation's kind", async () => {
    expect(await codeOf(callerFor(admin).people.invitations.create({ organisationId: provider.id, email: "wrongkind@example.test", role: "CLIENT_USER" }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(admin).people.invitations.create({ organisationId: orgA.id, email: "wrongkind@example.test", role: "AGENT" }))).toBe("FORBIDDEN");
  });
});

describe("the last provider admin", () => {
  it("cannot be demoted, disabled, removed or deleted; with another admin they can", async () => {
    // Only `admin` stays a provider admin; `secondAdmin` keeps a stale admin session to try the changes.
    await db.membership.updateMany({ where: { role: "PROVIDER_ADMIN", userId: { not: admin.id } }, data: { role: "AGENT" } });
    try {
      const api = callerFor(secondAdmin);
      const last = admin.id;
      expect(await codeOf(api.people.members.changeRole({ userId: last, organisationId: provider.id, role: "AGENT" }))).toBe("CONFLICT");
      expect(await codeOf(api.people.members.disable({ userId: last }))).toBe("CONFLICT");
      expect(await codeOf(api.people.members.remove({ userId: last, organisationId: provider.id }))).toBe("CONFLICT");
      expect(await codeOf(api.people.members.delete({ userId: last }))).toBe("CONFLICT");
      expect(await codeOf(api.people.members.move({ userId: last, fromOrganisationId: provider.id, toOrganisationId: orgA.id, role: "CLIENT_ADMIN" }))).toBe("CONFLICT");
      expect(await db.membership.findFirstOrThrow({ where: { userId: last } })).toMatchObject({ role: "PROVIDER_ADMIN", organisationId: provider.id });
    } finally {
      await db.membership.updateMany({ where: { userId: secondAdmin.id }, data: { role: "PROVIDER_ADMIN" } });
    }
    expect(await codeOf(callerFor(secondAdmin).people.members.changeRole({ userId: admin.id, organisationId: provider.id, role: "AGENT" }))).toBe("OK");
    await db.membership.updateMany({ where: { userId: admin.id }, data: { role: "PROVIDER_ADMIN" } });
  });
});

describe("moving a membership", () => {
  it("moves a person to another organisation with a fitting role: sessions end, the trail records it", async () => {
    const person = await createTestUser("CLIENT_ADMIN", orgA);
    await db.session.create({ data: { tokenHash: hashToken(`move-${person.id}`), userId: person.id, expires: new Date(Date.now() + 3_600_000) } });
    await callerFor(admin).people.members.move({ userId: person.id, fromOrganisationId: orgA.id, toOrganisationId: orgB.id, role: "CLIENT_USER" });
    expect(await db.membership.findMany({ where: { userId: person.id } })).toEqual([expect.objectContaining({ organisationId: orgB.id, role: "CLIENT_USER" })]);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.accountAction.findFirstOrThrow({ where: { userId: person.id, action: "membership.moved" } })).toMatchObject({ actorId: admin.id, organisationId: orgB.id, detail: { from: orgA.id } });
  });

  it("refuses moving oneself, a role that does not fit, an archived or current organisation, and client admins", async () => {
    const person = await createTestUser("CLIENT_USER", orgA);
    const archived = await createTestOrganisation();
    await db.organisation.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const api = callerFor(admin);
    const move = (input: { userId?: string; fromOrganisationId?: string; toOrganisationId: string; role: "CLIENT_USER" | "AGENT" }) =>
      codeOf(api.people.members.move({ userId: person.id, fromOrganisationId: orgA.id, ...input }));
    expect(await codeOf(api.people.members.move({ userId: admin.id, fromOrganisationId: provider.id, toOrganisationId: orgA.id, role: "CLIENT_USER" }))).toBe("FORBIDDEN");
    expect(await move({ toOrganisationId: orgB.id, role: "AGENT" })).toBe("FORBIDDEN");
    expect(await move({ toOrganisationId: archived.id, role: "CLIENT_USER" })).toBe("CONFLICT");
    const elsewhere = await createTestOrganisation();
    await db.membership.create({ data: { userId: person.id, organisationId: elsewhere.id, role: "CLIENT_USER" } });
    expect(await move({ toOrganisationId: elsewhere.id, role: "CLIENT_USER" })).toBe("CONFLICT");
    expect(await codeOf(callerFor(adminA).people.members.move({ userId: person.id, fromOrganisationId: orgA.id, toOrganisationId: orgB.id, role: "CLIENT_USER" }))).toBe("FORBIDDEN");
    expect(await move({ toOrganisationId: orgB.id, role: "CLIENT_USER", fromOrganisationId: orgB.id })).toBe("NOT_FOUND");
    expect(await db.membership.count({ where: { userId: person.id, organisationId: orgA.id } })).toBe(1);
  });
});

describe("the organisation's customer record", () => {
  it("links, switches and unlinks a customer record, refusing one another organisation holds", async () => {
    const org = await createTestOrganisation();
    const first = await db.customer.create({ data: { name: "First Customer Ltd" } });
    const second = await db.customer.create({ data: { name: "Second Customer Ltd" } });
    const api = callerFor(admin);
    await api.people.organisations.linkCustomer({ id: org.id, customerId: first.id });
    expect((await api.people.organisations.get({ id: org.id })).billing.customers.map((c) => c.id)).toEqual([first.id]);
    await api.people.organisations.linkCustomer({ id: org.id, customerId: second.id });
    expect(await db.customer.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ organisationId: null });
    expect(await db.customer.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ organisationId: org.id });

    const other = await createTestOrganisation();
    const refused = api.people.organisations.linkCustomer({ id: other.id, customerId: second.id });
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(org.label) });
    expect(await db.customer.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ organisationId: org.id });
    expect(await codeOf(api.people.organisations.linkCustomer({ id: org.id, customerId: "no-such-customer" }))).toBe("NOT_FOUND");

    await api.people.organisations.linkCustomer({ id: org.id, customerId: null });
    expect(await db.customer.count({ where: { organisationId: org.id } })).toBe(0);
  });
});

describe("invitations", () => {
  it("create an organisation with its first admin's invitation; accept once with a name and a password", async () => {
    const org = await callerFor(admin).people.organisations.create({
      name: "Acme Ltd", label: "acme1", ownerName: "Olive Owner", ownerEmail: "owner@acme.example", billingContactName: "", billingContactEmail: "", adminEmail: "First.Admin@Acme.example",
    });
    expect(org.label).toBe("ACME1");
    const token = await invitationTokenFor("first.admin@acme.example");
    const stored = await db.invitation.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const anon = anonymousFrom("198.51.100.10");
    expect(await anon.people.invitations.describe({ token })).toMatchObject({ state: "valid", email: "first.admin@acme.example", organisationName: "Acme Ltd" });
    expect(await anon.people.invitations.accept({ token, name: "Fay First", password: "a-long-enough-password" })).toMatchObject({ hasPassword: true });
    const user = await db.user.findUniqueOrThrow({ where: { email: "first.admin@acme.example" }, include: { memberships: true } });
    expect(user).toMatchObject({ name: "Fay First" });
    expect(user.memberships).toEqual([expect.objectContaining({ organisationId: org.id, role: "CLIENT_ADMIN" })]);

    // Reuse: refused, and nothing more is created.
    expect(await codeOf(anon.people.invitations.accept({ token, name: "Again", password: "" }))).toBe("BAD_REQUEST");
    expect(await anon.people.invitations.describe({ token })).toEqual({ state: "invalid" });
    expect(await db.accountAction.count({ where: { organisationId: org.id, action: { in: ["organisation.created", "invitation.sent", "invitation.accepted"] } } })).toBe(3);
  });

  it("a duplicate label is a conflict and nothing is half-created", async () => {
    const input = { name: "Dup", label: orgA.label, ownerName: "", ownerEmail: "", billingContactName: "", billingContactEmail: "", adminEmail: "dup-admin@example.test" };
    expect(await codeOf(callerFor(admin).people.organisations.create(input))).toBe("CONFLICT");
    expect(await db.invitation.count({ where: { email: "dup-admin@example.test" } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { to: "dup-admin@example.test" } })).toBe(0);
  });

  it("expired links are refused; resend issues a new link and kills the old one; revoke kills it; duplicates conflict", async () => {
    const api = callerFor(adminA);
    const { id } = await api.people.invitations.create({ organisationId: orgA.id, email: "late@example.test", role: "CLIENT_USER" });
    expect(await codeOf(api.people.invitations.create({ organisationId: orgA.id, email: "late@example.test", role: "CLIENT_USER" }))).toBe("CONFLICT");
    expect(await codeOf(api.people.invitations.create({ organisationId: orgA.id, email: userA.email, role: "CLIENT_USER" }))).toBe("CONFLICT");
    const first = await invitationTokenFor("late@example.test");
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const anon = anonymousFrom("198.51.100.11");
    expect(await anon.people.invitations.describe({ token: first })).toMatchObject({ state: "expired" });
    expect(await codeOf(anon.people.invitations.accept({ token: first, name: "Late", password: "" }))).toBe("BAD_REQUEST");
    expect((await api.people.invitations.listPending({ organisationId: orgA.id })).find((i) => i.id === id)).toMatchObject({ expired: true });

    await api.people.invitations.resend({ id });
    const second = await invitationTokenFor("late@example.test");
    expect(second).not.toBe(first);
    expect(await anon.people.invitations.describe({ token: first })).toEqual({ state: "invalid" });
    expect(await anon.people.invitations.describe({ token: second })).toMatchObject({ state: "valid" });

    await api.people.invitations.revoke({ id });
    expect(await codeOf(anon.people.invitations.accept({ token: second, name: "Late", password: "" }))).toBe("BAD_REQUEST");
    expect(await db.user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  it("bad input answers field errors, never a 500", async () => {
    const api = callerFor(admin);
    expect(await codeOf(api.people.organisations.create({ name: "", label: "9bad", ownerName: "", ownerEmail: "not-an-email", billingContactName: "", billingContactEmail: "", adminEmail: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.people.invitations.create({ organisationId: orgA.id, email: "nope", role: "CLIENT_USER" }))).toBe("BAD_REQUEST");
    expect(await codeOf(anonymousFrom("198.51.100.12").people.invitations.accept({ token: "x".repeat(40), name: "A", password: "short" }))).toBe("BAD_REQUEST");
  });
});

describe("account actions", () => {
  it("disable ends every session at once, enable lets the person back; both recorded", async () => {
    const person = await createTestUser("CLIENT_USER", orgA);
    await db.session.create({ data: { tokenHash: hashToken(`d-${person.id}`), userId: person.id, expires: new Date(Date.now() + 3_600_000) } });
    await callerFor(adminA).people.members.disable({ userId: person.id });
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    await callerFor(adminA).people.members.enable({ userId: person.id });
    const actions = await db.accountAction.findMany({ where: { userId: person.id }, orderBy: { occurredAt: "asc" } });
    expect(actions.map((a) => [a.action, a.actorId])).toEqual([
      ["user.disabled", adminA.id],
      ["user.enabled", adminA.id],
    ]);
  });

  it("sign out everywhere, unlock and a reset link are each recorded; the reset link works once", async () => {
    const person = await createTestUser("CLIENT_USER", orgA);
    const api = callerFor(adminA);
    await db.authThrottle.create({ data: { key: `pw|${person.email}|203.0.113.5`, count: 10, windowStart: new Date() } });
    expect(await api.people.members.get({ userId: person.id })).toMatchObject({ locks: [expect.objectContaining({ ip: "203.0.113.5" })] });
    expect(await api.people.members.unlock({ userId: person.id })).toEqual({ cleared: 1 });
    expect((await api.people.members.get({ userId: person.id })).locks).toEqual([]);
    await api.people.members.signOutEverywhere({ userId: person.id });
    await api.people.members.sendPasswordReset({ userId: person.id });
    const mail = await openOutboxEmail((await db.outboxEmail.findFirstOrThrow({ where: { to: person.email, category: "password-reset" } })).id);
    const token = mail.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
    const anon = anonymousFrom("198.51.100.13");
    expect(await anon.people.password.reset({ token, password: "a-brand-new-password" })).toEqual({ email: person.email });
    expect(await codeOf(anon.people.password.reset({ token, password: "another-new-password" }))).toBe("BAD_REQUEST");
    const actions = (await db.accountAction.findMany({ where: { userId: person.id } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["user.unlocked", "user.signed_out_everywhere", "password.reset_sent", "password.changed"]));
  });

  it("delete keeps history, attributed to a deleted user", async () => {
    const person = await createTestUser("CLIENT_USER", orgA);
    await db.loginEvent.create({ data: { userId: person.id, login: person.email, kind: "SIGN_IN", result: "SUCCESS", ip: "198.51.100.1", userAgentRaw: "" } });
    await callerFor(adminA).people.members.delete({ userId: person.id });
    const row = await db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(row).toMatchObject({ name: "Deleted user", passwordHash: null });
    expect(row.deletedAt).not.toBeNull();
    expect(row.email).not.toBe(person.email);
    expect(await db.loginEvent.count({ where: { userId: person.id } })).toBe(1);
    expect(await codeOf(callerFor(adminA).people.members.get({ userId: person.id }))).toBe("NOT_FOUND");
  });

  it("forgot password: the same answer for known and unknown addresses, a mail only for the known one", async () => {
    const anon = anonymousFrom("198.51.100.14");
    expect(await anon.people.password.forgot({ email: userA.email })).toEqual({ sent: true });
    expect(await anon.people.password.forgot({ email: "nobody-here@example.test" })).toEqual({ sent: true });
    await settleBackgroundWork();
    expect(await db.outboxEmail.count({ where: { to: userA.email, category: "password-reset" } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: "nobody-here@example.test" } })).toBe(0);
  });
});

describe("block list", () => {
  it("a blocked range refuses invitation acceptance and password resets; adding and removing are audited", async () => {
    const api = callerFor(admin);
    expect(await codeOf(api.people.blocks.create({ address: "not an address", duration: "1h", reason: "" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.people.blocks.create({ address: "10.0.0.0/4", duration: "1h", reason: "" }))).toBe("BAD_REQUEST");
    const block = await api.people.blocks.create({ address: "203.0.113.0/24", duration: "24h", reason: "burst" });
    expect(block.cidr).toBe("203.0.113.0/24");
    expect((await api.people.blocks.list()).map((b) => b.id)).toContain(block.id);
    const blocked = anonymousFrom("203.0.113.200");
    expect(await codeOf(blocked.people.invitations.describe({ token: "x".repeat(40) }))).toBe("FORBIDDEN");
    expect(await codeOf(blocked.people.password.forgot({ email: userA.email }))).toBe("FORBIDDEN");
    expect(await codeOf(anonymousFrom("203.0.114.1").people.invitations.describe({ token: "x".repeat(40) }))).toBe("OK");
    await api.people.blocks.remove({ id: block.id });
    expect(await codeOf(blocked.people.invitations.describe({ token: "x".repeat(40) }))).toBe("OK");
    const trail = await db.accountAction.findMany({ where: { action: { in: ["address.blocked", "address.unblocked"] } } });
    expect(trail.map((t) => [t.action, t.actorId])).toEqual(expect.arrayContaining([["address.blocked", admin.id], ["address.unblocked", admin.id]]));
  });
});
