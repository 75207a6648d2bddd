import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCrmKit, type CrmKit } from "@/server/crm/testing/crm-test-kit";
import { db } from "@/server/db";
import { createCustomer, updateCustomer } from "./save-customer";
import { upsertCustomerForService } from "./upsert-customer-for-service";

// One service writes the Customer row for the console and for billing's API:
// whoever writes, the CRM hears the same thing, queued in the write's own
// transaction, and fields the writer did not send stay as they were.
let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});

const waiting = (entityId: string) =>
  db.syncQueueItem.findMany({ where: { entityId, status: "PENDING" }, orderBy: { createdAt: "asc" }, select: { operation: true, connectionId: true, payload: true } });

async function newService() {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return db.billingService.create({ data: { code: `svc-${tag}`, name: "Test app", apiKeyHash: `h-${tag}`, apiKeyPrefix: "sbk_test" } });
}

describe("one customer service", () => {
  it("creates a company unless told otherwise, queues its push and a missing-details task, and wakes the workers", async () => {
    kit.woken.length = 0;
    const customer = await createCustomer(db, { name: "Harbour Dental", email: "accounts@harbour.example" });
    expect(customer.kind).toBe("company");
    expect(customer.taxRatePercent.toFixed()).toBe("0");
    const items = await waiting(customer.id);
    expect(items.map((i) => i.operation).sort()).toEqual(["CREATE", "TASK"]);
    expect(items.find((i) => i.operation === "TASK")?.payload).toMatchObject({ subject: "Missing phone for Harbour Dental" });
    expect(kit.woken).toContain(kit.connection.id);
  });

  it("an edit writes only what was sent: the tax rate and kind survive a form that does not carry them", async () => {
    const customer = await createCustomer(db, { kind: "person", name: "Ada Lovelace", email: "ada@example.test", phone: "+1 555 0101", taxRatePercent: "13" });
    await db.syncQueueItem.deleteMany({ where: { entityId: customer.id } });

    const edited = await updateCustomer(db, customer.id, { name: "Ada Lovelace", email: "ada@example.test", phone: "+1 555 0199" });
    expect(edited.kind).toBe("person");
    expect(edited.taxRatePercent.toFixed()).toBe("13");
    expect((await waiting(customer.id)).map((i) => i.operation)).toEqual(["UPDATE"]);
  });

  it("a billing-only change queues nothing for the CRM; an unchanged save queues nothing either", async () => {
    const customer = await createCustomer(db, { name: "Quiet Co", email: "quiet@example.test", phone: "+1 555 0102" });
    await db.syncQueueItem.deleteMany({ where: { entityId: customer.id } });
    await updateCustomer(db, customer.id, { name: "Quiet Co", taxRatePercent: "5", currency: "cad" });
    await updateCustomer(db, customer.id, { name: "Quiet Co", email: "quiet@example.test" });
    expect(await waiting(customer.id)).toEqual([]);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).currency).toBe("CAD");
  });

  it("billing's API edit of an identifying field leaves the same note on the CRM record as a console edit", async () => {
    const service = await newService();
    const first = await upsertCustomerForService(db, service.id, "acct-1", { name: "Upserted Ltd", email: "ops@upserted.example", phone: "+1 555 0103" });
    expect(first).toMatchObject({ created: true, linked: true });
    expect((await waiting(first.customer.id)).map((i) => i.operation)).toEqual(["CREATE"]);
    // Pretend the create went out, so the edit is an update with a note.
    await db.syncQueueItem.deleteMany({ where: { entityId: first.customer.id } });

    const second = await upsertCustomerForService(db, service.id, "acct-1", { email: "finance@upserted.example", name: "Upserted Ltd" });
    expect(second).toMatchObject({ created: false, linked: false });
    expect(second.customer.phone).toBe("+1 555 0103");
    const items = await waiting(first.customer.id);
    expect(items.map((i) => i.operation)).toEqual(["UPDATE", "NOTE"]);
    expect(items[1]?.payload).toMatchObject({ text: expect.stringContaining('E-mail changed from "ops@upserted.example" to "finance@upserted.example"') });
  });

  it("a write that fails queues nothing and answers 404 in our words", async () => {
    const before = await db.syncQueueItem.count();
    await expect(updateCustomer(db, "no-such-customer", { name: "Ghost" })).rejects.toMatchObject({ status: 404, message: "The customer was not found" });
    expect(await db.syncQueueItem.count()).toBe(before);
  });
});
