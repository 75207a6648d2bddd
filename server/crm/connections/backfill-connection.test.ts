import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer } from "@/server/customers/save-customer";
import { syncCustomerNow } from "@/server/customers/sync-customer-now";
import { pullConnection } from "../engine/pull-changes";
import { contactsOf, startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { startBackfill } from "./backfill-connection";
import { setConnectionEnabled } from "./manage-connections";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});

describe("onboarding a connection over existing customers", () => {
  it("pushes every existing customer once, adopting the CRM contact with the same e-mail instead of duplicating it", async () => {
    await setConnectionEnabled(db, kit.connection.id, false);
    const a = await createCustomer(db, { name: "Ada Existing", email: "ada@onboard.test", phone: "1" });
    const b = await createCustomer(db, { name: "Bob Already", email: "Bob@Onboard.test", phone: "2" });
    const remoteBob = kit.fake.records.seed({ module: "Contacts", fields: { firstname: "Bob", lastname: "Already", email: "bob@onboard.test" } });
    expect(await db.syncQueueItem.count({ where: { entityId: { in: [a.id, b.id] } } })).toBe(0);

    await setConnectionEnabled(db, kit.connection.id, true);
    const { run, queued } = await startBackfill(db, kit.connection.id);
    expect(queued).toBeGreaterThanOrEqual(2);
    expect(run.total).toBeGreaterThanOrEqual(2);
    await kit.drain({ runId: run.id });

    const bobs = kit.fake.records.list("Contacts").filter((r) => (r.fields.email ?? "").toLowerCase() === "bob@onboard.test");
    expect(bobs.map((r) => r.id)).toEqual([remoteBob.id]);
    expect(bobs[0]!.fields.cf_switchboard_id).toBe(b.id);
    expect(contactsOf(kit.fake, a.id)).toHaveLength(1);
    const links = await db.syncLink.findMany({ where: { entityId: { in: [a.id, b.id] } } });
    expect(links.map((l) => l.status)).toEqual(["SYNCED", "SYNCED"]);

    const finished = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: "SUCCEEDED", processed: run.total });
    expect(finished.message).toMatch(/pushed/);

    // The first pull brings nothing back as new: every contact is linked.
    const pulled = await pullConnection(db, kit.connection.id, { trigger: "manual" });
    expect(pulled.created).toBe(0);
  });

  it("a second backfill queues nothing, yet 'Last push' still moves", async () => {
    const before = (await db.crmConnection.findUniqueOrThrow({ where: { id: kit.connection.id } })).lastPushAt;
    const { run, queued } = await startBackfill(db, kit.connection.id);
    expect(queued).toBe(0);
    await kit.drain({ runId: run.id });
    const after = (await db.crmConnection.findUniqueOrThrow({ where: { id: kit.connection.id } })).lastPushAt;
    expect(after).not.toBeNull();
    expect(after!.getTime()).toBeGreaterThanOrEqual(before?.getTime() ?? 0);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("SUCCEEDED");
  });

  it("'Sync now' on one customer pushes it to the CRM, and is a 404-style error for an unknown id", async () => {
    await setConnectionEnabled(db, kit.connection.id, false);
    const c = await createCustomer(db, { name: "Carol Later", email: "carol@onboard.test", phone: "3" });
    await setConnectionEnabled(db, kit.connection.id, true);
    expect(await syncCustomerNow(db, c.id)).toEqual({ queued: 1 });
    await kit.drain();
    expect(contactsOf(kit.fake, c.id)).toHaveLength(1);
    await expect(syncCustomerNow(db, "no-such-customer")).rejects.toThrow(/not found/);
  });
});
