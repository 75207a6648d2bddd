import { db } from "@/server/db";
import { fieldJobGatewayFor } from "@/server/field-jobs/field-job-gateways";
import { FIELD_JOB_PROVIDERS } from "@/server/field-jobs/field-job-providers";
import { pullJobStatuses } from "@/server/field-jobs/pull-job-statuses";
import { inngest } from "../client";

/** Every 5 minutes, per enabled connection: reads the active jobs' statuses and applies changes a webhook missed (creates, notes and attachments go through the CRM sync queue). */
export const pullFieldJobStatusesFn = inngest.createFunction(
  { id: "pull-field-job-statuses", triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => {
    const connections = await step.run("find-connections", () =>
      db.crmConnection.findMany({ where: { provider: { in: [...FIELD_JOB_PROVIDERS] }, enabled: true, deletedAt: null }, select: { id: true } }),
    );
    const results: Record<string, unknown> = {};
    for (const { id } of connections) {
      results[id] = await step.run(`pull-${id}`, async () => ({ statuses: await pullJobStatuses(db, await fieldJobGatewayFor(db, id), id) }));
    }
    return results;
  },
);
