import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { verifyPassword } from "@/server/auth/password";
import { createTestUser } from "@/server/testing/factories";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { crmUserLimits, linkStaffUser, provisionStaffUser, resetStaffPassword, setStaffActive } from "./staff-accounts";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
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

    await setStaffActive(db, { userId: agent.id, active: false });
    await kit.drain();
    expect(kit.fake.records.get(link.externalId!)!.fields.status).toBe("Inactive");
    expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).disabledAt).not.toBeNull();
    await setStaffActive(db, { userId: agent.id, active: true });
    await kit.drain();
    // Vtiger hides Inactive users: the item ends at once with what the admin must do, instead of retrying.
    const enable = await db.syncQueueItem.findFirstOrThrow({ where: { entityId: agent.id, operation: "USER_STATUS" }, orderBy: { createdAt: "desc" } });
    expect(enable.status).toBe("DEAD");
    expect(enable.attempts).toBe(1);
    expect(enable.lastError).toContain("Status back to Active");
    kit.fake.records.get(link.externalId!)!.fields.status = "Active"; // what the Vtiger admin does

    const reset = await resetStaffPassword(db, { userId: agent.id, password: "Another-Secret-Pass-7" });
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
});
