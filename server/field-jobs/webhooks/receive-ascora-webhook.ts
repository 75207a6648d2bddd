/**
 * The Ascora webhook's front door: checks the signature (timing-safe) and
 * the timestamp's freshness, stores the event once under its id, and hands it
 * to Inngest. A replay (same event id) is answered 200 and does nothing; an
 * unsigned, mis-signed or stale call is a 401 that says which.
 */
import { inngest } from "@/inngest/client";
import { fieldJobWebhookReceived } from "@/inngest/events";
import type { Db } from "@/server/db";
import { decryptSecret } from "@/server/crm/secret-box";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { safeEqual } from "@/server/security/tokens";
import { ascoraWebhookBodySchema, jobStatusChangedSchema, signAscoraWebhook } from "@/server/crm/connectors/ascora/ascora-assumed-api";
import { processFieldJobWebhook } from "./process-webhook-event";

/** How far a timestamp may be from our clock before the call counts as stale (either way). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

const problem = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { code, message, details: {} } });

export interface AscoraWebhookRequest {
  connectionId: string;
  rawBody: string;
  signature: string | null;
  timestamp: string | null;
}

export async function receiveAscoraWebhook(db: Db, request: AscoraWebhookRequest, now = new Date()): Promise<WebhookAnswer> {
  const settings = await db.fieldJobSettings.findFirst({
    where: { connectionId: request.connectionId, webhookSecretCiphertext: { not: null } },
    select: { webhookSecretCiphertext: true },
  });
  const connection = await db.crmConnection.findFirst({ where: { id: request.connectionId, deletedAt: null, provider: "ascora" }, select: { id: true } });
  // Same answer for an unknown connection and one without a secret: nothing to learn by probing ids.
  if (!connection || !settings?.webhookSecretCiphertext) {
    return problem(401, "not_configured", "No webhook secret is set up for this connection");
  }
  if (!request.signature) return problem(401, "missing_signature", "The X-Ascora-Signature header is missing");
  if (!request.timestamp || !/^\d{1,12}$/.test(request.timestamp)) {
    return problem(401, "missing_timestamp", "The X-Ascora-Timestamp header is missing or not Unix seconds");
  }
  const secret = decryptSecret(settings.webhookSecretCiphertext, "crm-connection");
  if (!safeEqual(request.signature, signAscoraWebhook(secret, request.timestamp, request.rawBody))) {
    return problem(401, "bad_signature", "The signature does not match the body and timestamp");
  }
  const ageSeconds = Math.abs(now.getTime() / 1000 - Number(request.timestamp));
  if (ageSeconds > WEBHOOK_TOLERANCE_SECONDS) {
    return problem(401, "stale_timestamp", `The timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} seconds from our clock`);
  }

  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    return problem(400, "invalid_json", "The body is not valid JSON");
  }
  const parsed = ascoraWebhookBodySchema.safeParse(json);
  if (!parsed.success) return problem(400, "invalid_request", parsed.error.issues.map((i) => i.message).join("; "));
  if (parsed.data.type === "job.status_changed") {
    const data = jobStatusChangedSchema.safeParse(parsed.data.data);
    if (!data.success) return problem(400, "invalid_request", data.error.issues.map((i) => i.message).join("; "));
  }

  const stored = await db.fieldJobWebhookEvent.createMany({
    skipDuplicates: true,
    data: { connectionId: connection.id, eventId: parsed.data.id, type: parsed.data.type, payload: parsed.data.data as object },
  });
  if (stored.count === 0) return { status: 200, body: { received: true, replayed: true } };
  const event = await db.fieldJobWebhookEvent.findUniqueOrThrow({
    where: { connectionId_eventId: { connectionId: connection.id, eventId: parsed.data.id } },
    select: { id: true },
  });
  await sendOrRunInline(
    "field-jobs.webhook",
    () => inngest.send(fieldJobWebhookReceived.create({ eventId: event.id }, { id: `ascora-webhook-${event.id}` })),
    () => processFieldJobWebhook(db, event.id),
  );
  return { status: 202, body: { received: true, replayed: false } };
}
