/**
 * Works one stored Ascora webhook event. Runs from Inngest (with retries) or
 * inline; an event already processed is skipped, so a retry never applies it twice.
 */
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { applyRemoteJobStatus, type ApplyStatusOutcome } from "../apply-job-status";
import { jobStatusChangedSchema } from "@/server/crm/connectors/ascora/ascora-assumed-api";

export type WebhookOutcome = ApplyStatusOutcome | "already_processed" | "ignored" | "invalid";

export async function processFieldJobWebhook(db: Db, storedEventId: string): Promise<WebhookOutcome> {
  const event = await db.fieldJobWebhookEvent.findUniqueOrThrow({ where: { id: storedEventId } });
  if (event.processedAt) return "already_processed";
  let outcome: WebhookOutcome;
  let lastError: string | null = null;
  if (event.type !== "job.status_changed") {
    outcome = "ignored";
  } else {
    const data = jobStatusChangedSchema.safeParse(event.payload);
    if (!data.success) {
      outcome = "invalid";
      lastError = data.error.issues.map((i) => i.message).join("; ");
      logger.warn("field_jobs.webhook_invalid", { eventId: event.eventId, connectionId: event.connectionId, error: lastError });
    } else {
      outcome = await applyRemoteJobStatus(db, {
        connectionId: event.connectionId,
        remoteId: data.data.jobId,
        status: data.data.status,
        changedAt: data.data.changedAt ? new Date(data.data.changedAt) : null,
        source: "webhook",
      });
    }
  }
  await db.fieldJobWebhookEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), lastError } });
  return outcome;
}
