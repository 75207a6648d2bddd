import { db } from "@/server/db";
import { enqueueUnsyncedCustomers } from "@/server/customers/sweep-customers";
import { connectionsWithDueItems } from "@/server/crm/engine/claim-items";
import { drainConnectionQueue } from "@/server/crm/engine/drain-queue";
import { inngest } from "../client";

/**
 * Every minute: queues customers written outside the CRM services, then
 * drains whatever is due (retries after backoff, lost wake-ups), so work is
 * delayed but never lost.
 */
export const drainCrmQueue = inngest.createFunction(
  { id: "drain-crm-queue", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } },
  async ({ step }) => {
    const swept = await step.run("queue-unsynced-customers", () => enqueueUnsyncedCustomers(db));
    const connectionIds = await step.run("find-due-connections", () => connectionsWithDueItems(db));
    const results: Record<string, unknown> = {};
    for (const id of connectionIds) {
      results[id] = await step.run(`drain-${id}`, () => drainConnectionQueue(db, id, { budgetMs: 40_000 }));
    }
    return { swept: swept.queued, results };
  },
);
