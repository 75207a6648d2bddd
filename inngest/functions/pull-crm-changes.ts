import { db } from "@/server/db";
import { runAfterPull } from "@/server/crm/engine/after-pull";
import { pullConnection } from "@/server/crm/engine/pull-changes";
import { inngest } from "../client";
import { crmPullRequested, crmSyncRequested } from "../events";

/** Pulls one connection's remote changes from its stored cursors (one pull per connection at a time). */
export const pullCrmChanges = inngest.createFunction(
  {
    id: "pull-crm-changes",
    triggers: [crmPullRequested],
    concurrency: { limit: 1, key: "event.data.connectionId" },
    retries: 3,
  },
  async ({ event, step }) => {
    const result = await step.run("pull-changes", () =>
      pullConnection(db, event.data.connectionId, { runId: event.data.runId, trigger: event.data.runId ? "manual" : "schedule" }),
    );
    if (result.wake.length) {
      await step.sendEvent("wake-queue-workers", result.wake.map((connectionId) => crmSyncRequested.create({ connectionId })));
    }
    // E.g. Ascora's invoices, which need the customers this pull linked.
    await step.run("after-pull", () => runAfterPull(db, event.data.connectionId));
    return result;
  },
);
