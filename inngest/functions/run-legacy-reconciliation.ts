import { executeReconciliationBatch } from "@/server/legacy-billing/reconcile/start-reconciliation";
import { db } from "@/server/db";
import { inngest } from "../client";
import { legacyReconciliationRequested } from "../events";

/**
 * A dual-run reconciliation run, one step per batch of shadow subscriptions.
 * Each step continues from the run's checkpoint under the event's lease, so
 * a retried step never counts a subscription twice, and a run resumed from
 * the console stops this one.
 */
export const runLegacyReconciliation = inngest.createFunction(
  { id: "run-legacy-reconciliation", concurrency: { limit: 1 }, triggers: [legacyReconciliationRequested] },
  async ({ event, step }) => {
    const { runId, leaseId } = event.data as { runId: string; leaseId: string };
    for (let batch = 0; ; batch++) {
      const result = await step.run(`reconcile-batch-${batch}`, () => executeReconciliationBatch(db, runId, leaseId));
      if (result.takenOver) return { runId, status: "taken-over", batches: batch + 1 };
      if (result.done) return { runId, status: "completed", batches: batch + 1 };
    }
  },
);
