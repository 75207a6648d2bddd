import { db } from "@/server/db";
import { fieldJobGatewayFor } from "@/server/field-jobs/field-job-gateways";
import { sendFieldJobDeliveries } from "@/server/field-jobs/job-deliveries";
import { markFieldJobFailed, pushFieldJob } from "@/server/field-jobs/push-field-job";
import { inngest } from "../client";
import { fieldJobPushRequested } from "../events";

/** Creates a requested field job remotely (adopting one an earlier attempt made), then sends what waits for it; out of retries, the job fails visibly. */
export const pushFieldJobFn = inngest.createFunction(
  {
    id: "push-field-job",
    triggers: [fieldJobPushRequested],
    retries: 6,
    concurrency: { key: "event.data.fieldJobId", limit: 1 },
    onFailure: async ({ event, error }) => {
      await markFieldJobFailed(db, event.data.event.data.fieldJobId, error.message);
    },
  },
  async ({ event, step }) => {
    const { fieldJobId } = event.data;
    const pushed = await step.run("create-remote-job", async () => {
      const job = await db.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId }, select: { connectionId: true } });
      return pushFieldJob(db, await fieldJobGatewayFor(db, job.connectionId), fieldJobId);
    });
    const sent = await step.run("send-waiting-deliveries", async () => {
      const job = await db.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId }, select: { connectionId: true } });
      return sendFieldJobDeliveries(db, await fieldJobGatewayFor(db, job.connectionId), fieldJobId);
    });
    return { pushed, sent };
  },
);
