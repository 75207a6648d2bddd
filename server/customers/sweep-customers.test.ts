import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { contactsOf, startCrmKit, type CrmKit } from "@/server/crm/testing/crm-test-kit";
import { enqueueUnsyncedCustomers } from "./sweep-customers";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});

describe("customer sweep", () => {
  it("queues customers written elsewhere (billing, imports) and those changed behind the link, once", async () => {
    // Written straight to the table, as billing's customer API does.
    const c = await db.customer.create({ data: { name: "Billing Made", email: "billing-made@example.test", kind: "company" } });
    expect(await enqueueUnsyncedCustomers(db)).toMatchObject({ queued: 1, connectionIds: [kit.connection.id] });
    // Already waiting: nothing new.
    expect((await enqueueUnsyncedCustomers(db)).queued).toBe(0);
    await kit.drain();
    expect(contactsOf(kit.fake, c.id)[0]?.fields).toMatchObject({ lastname: "Billing Made", email: "billing-made@example.test" });
    expect((await enqueueUnsyncedCustomers(db)).queued).toBe(0);

    await db.customer.update({ where: { id: c.id }, data: { phone: "+1 555 0100" } });
    expect((await enqueueUnsyncedCustomers(db)).queued).toBe(1);
    await kit.drain();
    expect(contactsOf(kit.fake, c.id)[0]?.fields.phone).toBe("+1 555 0100");
    expect((await enqueueUnsyncedCustomers(db)).queued).toBe(0);
  });
});
