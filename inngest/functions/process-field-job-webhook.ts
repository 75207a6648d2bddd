import { db } from "@/server/db";
import { processFieldJobWebhook } from "@/server/field-jobs/webhooks/process-webhook-event";
import { inngest } from "../client";
import { fieldJobWebhookReceived } from "../events";

/** Applies one stored Ascora webhook event (a job's status) to its ticket; processed events are skipped. */
export const processFieldJobWebhookFn = inngest.createFunction(
  { id: "process-field-job-webhook", triggers: [fieldJobWebhookReceived], retries: 5 },
  async ({ event, step }) => step.run("apply-event", () => processFieldJobWebhook(db, event.data.eventId)),
);
