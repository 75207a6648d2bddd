import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer } from "@/server/customers/save-customer";
import { startCrmKit, type CrmKit } from "../testing/crm-test-kit";
import { startBackfill } from "./backfill-connection";
import { getBackfillProgress } from "./backfill-progress";
import { setConnectionEnabled } from "./manage-connections";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit();
});
afterAll(async () => {
  await kit.close();
});

describe("backfill progress", () => {
  it("shows nothing before a backfill, counts while it runs, and names the customers that failed with the CRM's error", async () => {
    expect((await getBackfillProgress(db, kit.connection.id)).push).toBeNull();
    await setConnectionEnabled(db, kit.connection.id, false);
    const ok = await createCustomer(db, { name: "Fine Customer", email: "fine@progress.test", phone: "1" });
    await setConnectionEnabled(db, kit.connection.id, true);

    const { run } = await startBackfill(db, kit.connection.id);
    const started = await getBackfillProgress(db, kit.connection.id);
    expect(started).toMatchObject({ running: true, push: { id: run.id, status: "RUNNING", processed: 0 }, problems: [] });
    expect(started.push?.total).toBeGreaterThanOrEqual(1);

    kit.fake.setFault({ type: "http_500", operations: ["create", "query"] });
    await kit.drain({ runId: run.id });
    kit.fake.clearFaults();
    const after = await getBackfillProgress(db, kit.connection.id);
    expect(after.push).toMatchObject({ status: "SUCCEEDED", failed: expect.any(Number) });
    expect(after.push!.failed).toBeGreaterThanOrEqual(1);
    const problem = after.problems.find((p) => p.entityId === ok.id);
    // The kit retries without backoff, so the item may already be in the dead letter.
    expect(problem).toMatchObject({ name: "Fine Customer", status: expect.stringMatching(/^(FAILED|DEAD)$/) });
    expect(problem?.error).toMatch(/\S/);
  });
});
