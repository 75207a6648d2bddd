import { db } from "@/server/db";
import { fieldJobGatewayFor } from "@/server/field-jobs/field-job-gateways";
import { sendFieldJobDeliveries } from "@/server/field-jobs/job-deliveries";
import { inngest } from "../client";
import { fieldJobDeliveriesQueued } from "../events";

/** Sends a field job's waiting replies, notes and attachments, one job at a time (each delivery once). */
export const sendFieldJobDeliveriesFn = inngest.createFunction(
  { id: "send-field-job-deliveries", triggers: [fieldJobDeliveriesQueued], retries: 6, concurrency: { key: "event.data.fieldJobId", limit: 1 } },
  async ({ event, step }) =>
    step.run("send-deliveries", async () => {
      const job = await db.fieldJob.findUniqueOrThrow({ where: { id: event.data.fieldJobId }, select: { connectionId: true } });
      return sendFieldJobDeliveries(db, await fieldJobGatewayFor(db, job.connectionId), event.data.fieldJobId);
    }),
);
