import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";
import { drainConnectionQueue } from "@/server/crm/engine/drain-queue";
import { inngest } from "../client";
import { crmSyncRequested } from "../events";

const config = appEnv.crm();

/**
 * Drains one connection's CRM queue when woken after a commit. One run per
 * connection at a time, a global cap on runs, and a per-connection throttle
 * (runs are queued, not dropped) so one busy CRM cannot starve the others or
 * exceed its API limits; the client also paces each call from the CRM's
 * rate-limit headers. Work left when the step's budget ends continues in a
 * follow-up run.
 */
export const processCrmQueue = inngest.createFunction(
  {
    id: "process-crm-queue",
    triggers: [crmSyncRequested],
    concurrency: [{ limit: 1, key: "event.data.connectionId" }, { limit: config.workerConcurrency }],
    throttle: { limit: config.workerRunsPerMinute, period: "1m", key: "event.data.connectionId" },
    retries: 3,
  },
  async ({ event, step }) => {
    const result = await step.run("drain-queue", () =>
      drainConnectionQueue(db, event.data.connectionId, { runId: event.data.runId, budgetMs: 45_000 }),
    );
    if (result.moreDue) {
      await step.sendEvent("continue-draining", crmSyncRequested.create({ connectionId: event.data.connectionId }));
    }
    return result;
  },
);
