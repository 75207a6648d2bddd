/**
 * After-commit hand-off of field-job work to Inngest (or inline when no
 * Inngest server is reachable). Inline runs swallow retryable failures: the
 * scheduled sweep (drainFieldJobs) picks the work up again.
 */
import { inngest } from "@/inngest/client";
import { fieldJobDeliveriesQueued, fieldJobPushRequested } from "@/inngest/events";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { fieldJobGatewayFor } from "./field-job-gateways";
import { sendFieldJobDeliveries } from "./job-deliveries";
import { pushFieldJob } from "./push-field-job";

async function inlineSafely(kind: string, fieldJobId: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    logger.warn("field_jobs.inline_failed", { kind, fieldJobId, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Creates the remote job (then sends anything already waiting for it). */
export async function dispatchFieldJobPush(fieldJobId: string): Promise<void> {
  await sendOrRunInline(
    "field-jobs.push",
    () => inngest.send(fieldJobPushRequested.create({ fieldJobId }, { id: `field-job-push-${fieldJobId}` })),
    () =>
      inlineSafely("push", fieldJobId, async () => {
        const gateway = await fieldJobGatewayFor(db, await jobConnection(fieldJobId));
        await pushFieldJob(db, gateway, fieldJobId);
        await sendFieldJobDeliveries(db, gateway, fieldJobId);
      }),
  );
}

/** Sends the jobs' waiting notes and attachments. */
export async function dispatchFieldJobDeliveries(fieldJobIds: readonly string[]): Promise<void> {
  for (const fieldJobId of fieldJobIds) {
    await sendOrRunInline(
      "field-jobs.deliveries",
      () => inngest.send(fieldJobDeliveriesQueued.create({ fieldJobId })),
      () =>
        inlineSafely("deliveries", fieldJobId, async () => {
          const gateway = await fieldJobGatewayFor(db, await jobConnection(fieldJobId));
          await sendFieldJobDeliveries(db, gateway, fieldJobId);
        }),
    );
  }
}

async function jobConnection(fieldJobId: string): Promise<string> {
  const job = await db.fieldJob.findUniqueOrThrow({ where: { id: fieldJobId }, select: { connectionId: true } });
  return job.connectionId;
}
