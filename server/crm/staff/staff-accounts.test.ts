import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { verifyPassword } from "@/server/auth/password";
import type { SessionUser } from "@/server/auth/session-user";
import { disableUser, enableUser } from "@/server/people/account-status";
import { resetPassword } from "@/server/people/password-reset";
import { hashToken } from "@/server/security/tokens";
import { openOutboxEmail } from "@/server/testing/outbox";
import { codeOf } from "@/server/testing/trpc-code";
import { callerFor, createTestUser } from "@/server/testing/factories";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { crmUserLimits, linkStaffUser, provisionStaffUser, resetStaffPassword } from "./staff-accounts";
import { getStaffCrmState } from "./staff-crm-state";

let kit: CrmKit;
let admin: SessionUser;
beforeAll(async () => {
  kit = await startCrmKit();
  admin = await createTestUser("PROVIDER_ADMIN");
});

const trailOf = async (userId: string) => (await db.accountAction.findMany({ where: { userId }, orderBy: { occurredAt: "asc" } })).map((a) => a.action);
afterAll(async () => {
  await kit.close();
});

/** Every place a queued password could leak to: queue payloads and errors, secrets in clear, the call log. */
async function expectNowhereInClear(password: string) {
  const items = await db.syncQueueItem.findMany();
  for (const i of items) {
    expect(JSON.stringify(i.payload)).not.toContain(password);
    expect(i.lastError ?? "").not.toContain(password);
  }
  for (const s of await db.syncSecret.findMany()) expect(s.ciphertext).not.toContain(password);
  for (const c of await db.syncCallLog.findMany()) expect(JSON.stringify(c)).not.toContain(password);
  const raw = await db.$queryRaw<{ dump: string }[]>`SELECT string_agg(t::text, '|') AS dump FROM "SyncQueueItem" t`;
  expect(raw[0]?.dump ?? "").not.toContain(password);
}

describe("staff accounts in the CRM", () => {
  it("links the staff member's existing CRM user with one password for both systems, never keeping it in clear", async () => {
    const agent = await createTestUser("AGENT");
    // Vtiger 8.4 cannot create users through its webservice: its admin made this one in Vtiger.
    kit.fake.addUser({ username: agent.email, accessKey: "x", roleId: "H5", isAdmin: false, email: agent.email });
    const password = "Correct-Horse-Battery-42";
    const { itemId, generatedPassword } = await provisionStaffUser(db, { userId: agent.id, connectionId: kit.connection.id, password });
    expect(generatedPassword).toBeNull();
    const item = await db.syncQueueItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(item.operation).toBe("USER_PROVISION");
    expect(item.payload).toMatchObject({ userName: agent.email, secretId: expect.any(String) });
    await expectNowhereInClear(password);

    await kit.drain();
    expect(await db.syncQueueItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "SUCCEEDED" });
    const link = await db.syncLink.findFirstOrThrow({ where: { entity: "user", entityId: agent.id } });
    expect(link.status).toBe("SYNCED");
    expect(kit.fake.userPassword(link.externalId!)).toBe(password);
    const local = await db.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(await verifyPassword(password, local.passwordHash!)).toBe(true);
    // Used once, then gone.
    expect(await db.syncSecret.count()).toBe(0);
    await expectNowhereInClear(password);
    expect(kit.fake.records.get(link.externalId!)!.fields).toMatchObject({ user_name: agent.email, roleid: "H5", status: "Active" });
  });

  it("links by CRM user name; mirrors disabling; explains that re-enabling needs Vtiger's admin; resets the password in both systems", async () => {
    const agent = await createTestUser("AGENT");
    kit.fake.addUser({ username: "agent.vt", accessKey: "x", roleId: "H5", isAdmin: false, email: "someone-else@example.test" });
    const { generatedPassword } = await linkStaffUser(db, { userId: agent.id, connectionId: kit.connection.id, crmUserNameOrEmail: "agent.vt" });
    expect(generatedPassword).toMatch(/.{20,}/);
    await kit.drain();
    const link = await db.syncLink.findFirstOrThrow({ where: { entity: "user", entityId: agent.id } });
    expect(kit.fake.userPassword(link.externalId!)).toBe(generatedPassword);

    await disableUser(db, admin, agent.id);
    await kit.drain();
    expect(kit.fake.records.get(link.externalId!)!.fields.status).toBe("Inactive");
    expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).disabledAt).not.toBeNull();
    await enableUser(db, admin, agent.id);
    await kit.drain();
    // Vtiger hides Inactive users: the item ends at once with what the admin must do, instead of retrying.
    const enable = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: agent.id, operation: "USER_STATUS" }, orderBy: { createdAt: "desc" } });
    expect(enable.status).toBe("DEAD");
    expect(enable.attempts).toBe(1);
    expect(enable.lastError).toContain("Status back to Active");
    kit.fake.records.get(link.externalId!)!.fields.status = "Active"; // what the Vtiger admin does

    const reset = await resetStaffPassword(db, { userId: agent.id, password: "Another-Secret-Pass-7", actorId: admin.id });
    expect(reset).toEqual({ generatedPassword: null, crmAccounts: 1 });
    await expectNowhereInClear("Another-Secret-Pass-7");
    await kit.drain();
    expect(kit.fake.userPassword(link.externalId!)).toBe("Another-Secret-Pass-7");
    expect(await verifyPassword("Another-Secret-Pass-7", (await db.user.findUniqueOrThrow({ where: { id: agent.id } })).passwordHash!)).toBe(true);
  });

  it("where no CRM user matches, ends with what the CRM admin must do, without creating or retrying", async () => {
    const agent = await createTestUser("AGENT");
    const { itemId } = await provisionStaffUser(db, { userId: agent.id, connectionId: kit.connection.id });
    await kit.drain();
    const item = await db.syncQueueItem.findUniqueOrThrow({ where: { id: itemId } });
    expect([item.status, item.attempts]).toEqual(["DEAD", 1]);
    expect(item.lastError).toContain("Settings > User Management > Users");
    expect(kit.fake.calls.filter((c) => c.operation === "create" && c.elementType === "Users")).toHaveLength(0);
    expect(crmUserLimits("vtiger")).toMatchObject({ canCreate: false, canReactivate: false });
  });

  it("refuses client staff", async () => {
    const client = await createTestUser("CLIENT_USER");
    await expect(provisionStaffUser(db, { userId: client.id, connectionId: kit.connection.id })).rejects.toThrow(/not found/);
  });

  it("through tRPC: the person's page goes from Not synced to Synced with the CRM link, and the trail says who asked", async () => {
    const agent = await createTestUser("AGENT");
    kit.fake.addUser({ username: `vt-${agent.id}`, accessKey: "x", roleId: "H5", isAdmin: false, email: agent.email });
    const api = callerFor(admin);
    const before = await api.crm.staff.state({ userId: agent.id });
    expect(before.isStaff).toBe(true);
    expect(before.connections).toHaveLength(1);
    expect(before.connections[0]).toMatchObject({ id: kit.connection.id, state: "none", canCreate: false });
    expect(before.connections[0]!.limits).toContain("Settings > User Management > Users");

    const { generatedPassword } = await api.crm.staff.link({ userId: agent.id, connectionId: kit.connection.id, crmUserNameOrEmail: agent.email });
    expect(generatedPassword).toMatch(/.{20,}/);
    expect((await api.crm.staff.state({ userId: agent.id })).connections[0]).toMatchObject({ state: "pending", waitingItems: 1 });
    await expectNowhereInClear(generatedPassword!);
    await kit.drain();
    const after = (await api.crm.staff.state({ userId: agent.id })).connections[0]!;
    expect(after).toMatchObject({ state: "synced", linkStatus: "SYNCED", lastError: null, waitingItems: 0 });
    expect(after.remoteUrl).toMatch(/Users/);
    const action = await db.accountAction.findFirstOrThrow({ where: { userId: agent.id, action: "crm.link_requested" } });
    expect(action.actorId).toBe(admin.id);
    expect(action.detail).toMatchObject({ crmUser: agent.email });
  });

  it("a request that found no CRM user is superseded by linking once the Vtiger admin has made one: no dead letter stays", async () => {
    const agent = await createTestUser("AGENT");
    const api = callerFor(admin);
    await api.crm.staff.syncToCrm({ userId: agent.id, connectionId: kit.connection.id });
    await kit.drain();
    const failed = (await api.crm.staff.state({ userId: agent.id })).connections[0]!;
    expect(failed.state).toBe("failed");
    expect(failed.lastError).toContain("Settings > User Management > Users");
    const dead = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: agent.id, status: "DEAD" } });
    const deadSecretId = (dead.payload as { secretId: string }).secretId;

    kit.fake.addUser({ username: "made.by.vtiger.admin", accessKey: "x", roleId: "H5", isAdmin: false, email: "other@example.test" });
    await api.crm.staff.link({ userId: agent.id, connectionId: kit.connection.id, crmUserNameOrEmail: "made.by.vtiger.admin", password: "Shared-Password-1234" });
    await kit.drain();
    expect(await db.syncQueueItem.count({ where: { entityId: agent.id, status: { not: "SUCCEEDED" } } })).toBe(0);
    const link = await db.syncLink.findFirstOrThrow({ where: { entity: "user", entityId: agent.id } });
    expect(kit.fake.userPassword(link.externalId!)).toBe("Shared-Password-1234");
    // The superseded request's secret went with it.
    expect(await db.syncSecret.findUnique({ where: { id: deadSecretId } })).toBeNull();
  });

  it("re-sync applies the person's status again once the Vtiger admin has fixed the user, replacing the dead item", async () => {
    const agent = await createTestUser("AGENT");
    kit.fake.addUser({ username: `resync-${agent.id}`, accessKey: "x", roleId: "H5", isAdmin: false, email: agent.email });
    const api = callerFor(admin);
    await api.crm.staff.link({ userId: agent.id, connectionId: kit.connection.id, crmUserNameOrEmail: agent.email });
    await kit.drain();
    await api.people.members.disable({ userId: agent.id });
    await kit.drain();
    await api.people.members.enable({ userId: agent.id });
    await kit.drain();
    expect(await db.syncQueueItem.count({ where: { entityId: agent.id, status: "DEAD" } })).toBe(1);
    const link = await db.syncLink.findFirstOrThrow({ where: { entity: "user", entityId: agent.id } });
    kit.fake.records.get(link.externalId!)!.fields.status = "Active"; // the Vtiger admin's part
    await api.crm.staff.resync({ userId: agent.id, connectionId: kit.connection.id });
    await kit.drain();
    expect(await db.syncQueueItem.count({ where: { entityId: agent.id, status: "DEAD" } })).toBe(0);
    expect(kit.fake.records.get(link.externalId!)!.fields.status).toBe("Active");
    expect((await api.crm.staff.state({ userId: agent.id })).connections[0]).toMatchObject({ state: "synced", linkStatus: "SYNCED" });
    expect(await trailOf(agent.id)).toEqual(["crm.link_requested", "user.disabled", "user.enabled", "crm.resync_requested"]);
  });

  it("a password changed by reset link reaches the person's CRM user too, never in clear", async () => {
    const agent = await createTestUser("AGENT");
    kit.fake.addUser({ username: `reset-${agent.id}`, accessKey: "x", roleId: "H5", isAdmin: false, email: agent.email });
    await linkStaffUser(db, { userId: agent.id, connectionId: kit.connection.id, crmUserNameOrEmail: agent.email, actorId: admin.id });
    await kit.drain();
    const token = `reset-token-${agent.id}-0123456789`;
    const secretsBefore = await db.syncSecret.count();
    await db.passwordResetToken.create({ data: { userId: agent.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 60_000) } });
    await resetPassword(db, { token, password: "Chosen-By-Them-2026" });
    await expectNowhereInClear("Chosen-By-Them-2026");
    await kit.drain();
    const link = await db.syncLink.findFirstOrThrow({ where: { entity: "user", entityId: agent.id } });
    expect(kit.fake.userPassword(link.externalId!)).toBe("Chosen-By-Them-2026");
    expect(await db.syncSecret.count()).toBe(secretsBefore);
  });

  it("answers bad input and other roles with clear 4xx codes", async () => {
    const agent = await createTestUser("AGENT");
    const client = await createTestUser("CLIENT_USER");
    const api = callerFor(admin);
    const ref = { userId: agent.id, connectionId: kit.connection.id };
    expect(await codeOf(api.crm.staff.link({ ...ref, crmUserNameOrEmail: "   " }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.crm.staff.link({ ...ref, crmUserNameOrEmail: "x", password: "short" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.crm.staff.link({ ...ref, connectionId: "no-such-connection", crmUserNameOrEmail: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.crm.staff.link({ userId: client.id, connectionId: kit.connection.id, crmUserNameOrEmail: "x" }))).toBe("NOT_FOUND");
    expect(await codeOf(api.crm.staff.resync(ref))).toBe("BAD_REQUEST");
    expect(await codeOf(api.crm.staff.setActive({ userId: admin.id, active: false }))).toBe("FORBIDDEN");
    expect(await api.crm.staff.state({ userId: client.id })).toEqual({ isStaff: false, connections: [] });
    for (const role of ["AGENT", "CLIENT_ADMIN"] as const) {
      const other = callerFor(await createTestUser(role));
      expect(await codeOf(other.crm.staff.state({ userId: agent.id }))).toBe("FORBIDDEN");
      expect(await codeOf(other.crm.staff.link({ ...ref, crmUserNameOrEmail: "x" }))).toBe("FORBIDDEN");
      expect(await codeOf(other.crm.staff.resync(ref))).toBe("FORBIDDEN");
    }
    expect(await db.syncQueueItem.count({ where: { entityId: agent.id } })).toBe(0);
  });

  it("lists no connection for staff sync when none can hold staff accounts", async () => {
    expect(await getStaffCrmState(db, admin.id)).toMatchObject({ isStaff: true, connections: [{ id: kit.connection.id }] });
    await db.crmConnection.update({ where: { id: kit.connection.id }, data: { staffRoleId: null } });
    try {
      expect(await getStaffCrmState(db, admin.id)).toEqual({ isStaff: true, connections: [] });
      expect(await callerFor(admin).crm.staff.connections()).toEqual([]);
    } finally {
      await db.crmConnection.update({ where: { id: kit.connection.id }, data: { staffRoleId: "H5" } });
    }
  });

  it("an invitation with \"Create CRM user\" needs a password on acceptance, then queues the CRM user with it", async () => {
    const api = callerFor(admin);
    const email = `invited-${Date.now()}@example.test`;
    await api.people.invitations.create({ organisationId: admin.organisationId, email, role: "AGENT", createCrmUser: true });
    const row = await db.outboxEmail.findFirstOrThrow({ where: { to: email, category: "invitation" } });
    const token = (await openOutboxEmail(row.id)).text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1]!;
    const anonymous = callerFor(null);
    expect(await anonymous.people.invitations.describe({ token })).toMatchObject({ state: "valid", passwordRequired: true });

    // Without a password nothing is created and the link still works.
    expect(await codeOf(anonymous.people.invitations.accept({ token, name: "New Agent", password: "" }))).toBe("BAD_REQUEST");
    expect(await db.user.count({ where: { email } })).toBe(0);

    kit.fake.addUser({ username: "new.agent", accessKey: "x", roleId: "H5", isAdmin: false, email });
    await anonymous.people.invitations.accept({ token, name: "New Agent", password: "Their-Own-Password-9" });
    await expectNowhereInClear("Their-Own-Password-9");
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const action = await db.accountAction.findFirstOrThrow({ where: { userId: user.id, action: "crm.link_requested" } });
    expect(action.actorId).toBe(admin.id);
    await kit.drain();
    const link = await db.syncLink.findFirstOrThrow({ where: { entity: "user", entityId: user.id } });
    expect(link.status).toBe("SYNCED");
    expect(kit.fake.userPassword(link.externalId!)).toBe("Their-Own-Password-9");
  });

  it("never marks a client's invitation for a CRM user", async () => {
    const clientAdmin = await createTestUser("CLIENT_ADMIN");
    const email = `client-${Date.now()}@example.test`;
    await callerFor(admin).people.invitations.create({ organisationId: clientAdmin.organisationId, email, role: "CLIENT_USER", createCrmUser: true });
    expect(await db.invitation.findFirstOrThrow({ where: { email } })).toMatchObject({ createCrmUser: false });
  });
});
