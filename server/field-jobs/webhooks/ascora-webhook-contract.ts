/**
 * ASSUMED SHAPE (no public Ascora document covers webhooks). Everything we
 * assume about Ascora's job webhooks is here, to correct in one place when a
 * customer shows us their Ascora API:
 * 1. Ascora POSTs JSON to the URL the admin configures (ours:
 *    /api/webhooks/ascora/<connectionId>).
 * 2. `X-Ascora-Timestamp` carries the send time in Unix seconds.
 * 3. `X-Ascora-Signature` is "sha256=" + hex HMAC-SHA256 over
 *    "<timestamp>.<raw body>", keyed with the shared secret shown on the
 *    connection's Field jobs page.
 * 4. The body is { id, type, data }: `id` is unique per event (replays reuse
 *    it); for type "job.status_changed", data is { jobId, status, changedAt? }.
 */
import crypto from "node:crypto";
import { z } from "zod";

export const ASCORA_SIGNATURE_HEADER = "x-ascora-signature";
export const ASCORA_TIMESTAMP_HEADER = "x-ascora-timestamp";

export const ascoraWebhookBodySchema = z.object({
  id: z.string().trim().min(1, { error: "id is required" }).max(200),
  type: z.string().trim().min(1, { error: "type is required" }).max(100),
  data: z.record(z.string(), z.unknown()).default({}),
});

export const jobStatusChangedSchema = z.object({
  jobId: z.string().trim().min(1, { error: "data.jobId is required" }).max(200),
  status: z.string().trim().min(1, { error: "data.status is required" }).max(100),
  changedAt: z.iso.datetime({ offset: true, error: "data.changedAt must be an ISO 8601 date-time" }).optional(),
});

/** The signature header's value for a body sent at `timestamp` (the fake Ascora signs with this too). */
export function signAscoraWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}
