import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer } from "@/server/customers/save-customer";
import { contactsOf, startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { pullConnection } from "./pull-changes";

// A stock 8.4 install: `sync` is broken, so the pull reads by VTQL and must find deletions by id.
let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit({ fake: { stockInstall: true } });
});
afterAll(async () => {
  await kit.close();
});

describe("deletions behind a query pull", () => {
  it("marks a linked record deleted in the CRM as REMOTE_DELETED once, and leaves the others alone", async () => {
    const kept = await createCustomer(db, { name: "Kept Contact", email: "kept@deletions.test", phone: "1" });
    const gone = await createCustomer(db, { name: "Gone Contact", email: "gone@deletions.test", phone: "2" });
    await kit.drain();
    const remoteGone = contactsOf(kit.fake, gone.id)[0]!;
    kit.fake.records.remove(remoteGone.id);

    const first = await pullConnection(db, kit.connection.id, { trigger: "manual" });
    expect(first.deleted).toBe(1);
    const links = await db.syncLink.findMany({ where: { entityId: { in: [kept.id, gone.id] } } });
    expect(Object.fromEntries(links.map((l) => [l.entityId, l.status]))).toEqual({ [kept.id]: "SYNCED", [gone.id]: "REMOTE_DELETED" });
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run.message).toContain("1 deleted in the CRM");

    expect((await pullConnection(db, kit.connection.id, { trigger: "manual" })).deleted).toBe(0);
  });
});
