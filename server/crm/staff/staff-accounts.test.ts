import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { verifyPassword } from "@/server/auth/password";
import { createTestUser } from "@/server/testing/factories";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { provisionStaffUser, resetStaffPassword, setStaffActive } from "./staff-accounts";

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
  it("provisions a staff user with one password for both systems, never keeping it in clear", async () => {
    const agent = await createTestUser("AGENT");
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

  it("mirrors disabling and enabling, and resets the password in both systems", async () => {
    const agent = await createTestUser("AGENT");
    const { generatedPassword } = await provisionStaffUser(db, { userId: agent.id, connectionId: kit.connection.id });
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
    expect(kit.fake.records.get(link.externalId!)!.fields.status).toBe("Active");

    const reset = await resetStaffPassword(db, { userId: agent.id, password: "Another-Secret-Pass-7" });
    expect(reset).toEqual({ generatedPassword: null, crmAccounts: 1 });
    await expectNowhereInClear("Another-Secret-Pass-7");
    await kit.drain();
    expect(kit.fake.userPassword(link.externalId!)).toBe("Another-Secret-Pass-7");
    expect(await verifyPassword("Another-Secret-Pass-7", (await db.user.findUniqueOrThrow({ where: { id: agent.id } })).passwordHash!)).toBe(true);
  });

  it("refuses client staff", async () => {
    const client = await createTestUser("CLIENT_USER");
    await expect(provisionStaffUser(db, { userId: client.id, connectionId: kit.connection.id })).rejects.toThrow(/not found/);
  });
});
