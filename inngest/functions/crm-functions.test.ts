import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createCustomer } from "@/server/customers/save-customer";
import { contactsOf, startCrmKit, type CrmKit } from "@/server/crm/testing/crm-test-kit";
import { drainCrmQueue } from "./drain-crm-queue";
import { processCrmQueue } from "./process-crm-queue";
import { scheduleCrmPulls } from "./schedule-crm-pulls";
import { pullCrmChanges } from "./pull-crm-changes";
import { purgeCrmHistoryDaily } from "./purge-crm-history";

let kit: CrmKit;
beforeAll(async () => {
  kit = await startCrmKit({ fake: { records: [{ module: "Contacts", fields: { firstname: "Pulled", lastname: "In", email: "pulled@crm.test" } }] } });
});
afterAll(async () => {
  await kit.close();
});

describe("CRM Inngest functions", () => {
  it("process-crm-queue drains the woken connection and records the run's progress", async () => {
    const c = await createCustomer(db, { name: "Woken Worker", email: "woken@example.test", phone: "1" });
    const run = await db.syncRun.create({ data: { connectionId: kit.connection.id, kind: "PUSH", trigger: "manual" } });
    const engine = new InngestTestEngine({ function: processCrmQueue });
    const { result, error } = await engine.execute({
      events: [{ name: "crm/sync.requested", data: { connectionId: kit.connection.id, runId: run.id } }],
    });
    expect(error).toBeFalsy();
    expect(result).toMatchObject({ succeeded: 1, moreDue: false });
    expect(contactsOf(kit.fake, c.id)).toHaveLength(1);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "SUCCEEDED", processed: 1, succeeded: 1 });
  });

  it("the cron drain picks up items that are due but whose wake-up was lost", async () => {
    const c = await createCustomer(db, { name: "Lost Wakeup", email: "lost-wakeup@example.test", phone: "1" });
    const engine = new InngestTestEngine({ function: drainCrmQueue });
    const { error } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(error).toBeFalsy();
    expect((await db.syncQueueItem.findFirstOrThrow({ where: { entityId: c.id } })).status).toBe("SUCCEEDED");
  });

  it("schedules pulls by each connection's interval, and the pull function imports remote changes", async () => {
    const sent: unknown[] = [];
    const schedule = new InngestTestEngine({
      function: scheduleCrmPulls,
      steps: [{ id: "start-pulls", handler: () => sent.push("start-pulls") }],
    });
    const first = await schedule.execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(first.result).toEqual({ started: [kit.connection.id] });
    expect(sent).toEqual(["start-pulls"]);

    const pull = new InngestTestEngine({ function: pullCrmChanges });
    const { result, error } = await pull.execute({ events: [{ name: "crm/pull.requested", data: { connectionId: kit.connection.id } }] });
    expect(error).toBeFalsy();
    expect(result).toMatchObject({ created: 1 });
    expect(await db.customer.count({ where: { email: "pulled@crm.test" } })).toBe(1);

    // Pulled a moment ago: not due again until its interval has passed.
    const again = new InngestTestEngine({ function: scheduleCrmPulls, steps: [{ id: "start-pulls", handler: () => null }] });
    const second = await again.execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(second.result).toEqual({ started: [] });
  });

  it("purges call logs past the retention period", async () => {
    await db.syncCallLog.create({
      data: { connectionId: kit.connection.id, operation: "query", status: "ok", durationMs: 3, createdAt: new Date(Date.now() - 400 * 86_400_000) },
    });
    const kept = await db.syncCallLog.count();
    const engine = new InngestTestEngine({ function: purgeCrmHistoryDaily });
    const { result } = await engine.execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(result).toMatchObject({ calls: 1 });
    expect(await db.syncCallLog.count()).toBe(kept - 1);
  });
});
