import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCrmKit, type CrmKit } from "@/server/crm/testing/crm-test-kit";
import { db } from "@/server/db";
import { createCustomer, updateCustomer, upsertCustomerForService } from "./customers";

// Billing writes the same Customer the CRM syncs: each write must queue its
// CRM push in its own transaction and wake the workers after commit.
let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});

const pending = (entityId: string) => db.syncQueueItem.findMany({ where: { entityId, status: "PENDING" } });

describe("billing customer writes queue a CRM push", () => {
  it("on create and update from the console", async () => {
    kit.woken.length = 0;
    const customer = await createCustomer(db, { name: "Harbour Dental", email: "accounts@harbour.example" });
    expect(await pending(customer.id)).toMatchObject([{ operation: "CREATE", connectionId: kit.connection.id }]);
    expect(kit.woken).toEqual([kit.connection.id]);

    await updateCustomer(db, customer.id, { name: "Harbour Dental Group", email: "accounts@harbour.example" });
    // The waiting push collapses with the update: still one item, now carrying the latest state.
    expect(await pending(customer.id)).toHaveLength(1);
  });

  it("on a source app's upsert, and nothing is queued when the write fails", async () => {
    const service = await db.billingService.create({
      data: { code: `svc-${Date.now()}`, name: "Test app", apiKeyHash: `h-${Date.now()}`, apiKeyPrefix: "sbk_test" },
    });
    const { customer, created } = await upsertCustomerForService(db, service.id, "acct-1", {
      name: "Upserted Ltd",
      email: "ops@upserted.example",
    });
    expect(created).toBe(true);
    expect(await pending(customer.id)).toHaveLength(1);

    const before = await db.syncQueueItem.count();
    await expect(updateCustomer(db, "no-such-customer", { name: "Ghost" })).rejects.toThrow();
    expect(await db.syncQueueItem.count()).toBe(before);
  });
});
