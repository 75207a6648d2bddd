import { db } from "@/server/db";
import { fieldJobGatewayFor } from "@/server/field-jobs/field-job-gateways";
import { FIELD_JOB_PROVIDERS } from "@/server/field-jobs/field-job-providers";
import { pullJobStatuses } from "@/server/field-jobs/pull-job-statuses";
import { sweepFieldJobs } from "@/server/field-jobs/sweep-field-jobs";
import { inngest } from "../client";

/** Every 5 minutes, per enabled connection: retries job creates and deliveries left waiting, then reads the active jobs' statuses and applies changes a webhook missed. */
export const pullFieldJobStatusesFn = inngest.createFunction(
  { id: "pull-field-job-statuses", triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => {
    const connections = await step.run("find-connections", () =>
      db.crmConnection.findMany({ where: { provider: { in: [...FIELD_JOB_PROVIDERS] }, enabled: true, deletedAt: null }, select: { id: true } }),
    );
    const results: Record<string, unknown> = {};
    for (const { id } of connections) {
      results[id] = await step.run(`pull-${id}`, async () => {
        const gateway = await fieldJobGatewayFor(db, id);
        return { swept: await sweepFieldJobs(db, gateway, id), statuses: await pullJobStatuses(db, gateway, id) };
      });
    }
    return results;
  },
);
