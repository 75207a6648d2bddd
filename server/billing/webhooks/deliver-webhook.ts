/**
 * Sends outbound webhook deliveries: signed over the exact stored bytes with a
 * fresh timestamp per attempt, through the SSRF guard, 2xx within the timeout
 * counts; otherwise the next attempt follows the retry schedule, and after the
 * last one the delivery is dead-lettered (kept, resendable from the console).
 */
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { safeFetch, SsrfBlockedError } from "@/server/net/ssrf-guard";
import { DELIVERY_TIMEOUT_MS, DEFAULT_RETRY_SCHEDULE_MS, isDeliverySuccess, nextAttemptAt } from "./retry-schedule";
import { lagoWebhookHeaders } from "./lago-signature";
import { SIGNATURE_HEADER, signPayload } from "./sign-payload";

export interface DeliveryOptions {
  scheduleMs?: readonly number[];
  allowLoopback?: boolean;
  timeoutMs?: number;
  now?: () => Date;
}

export type DeliveryOutcome =
  | { status: "delivered"; attempt: number; statusCode: number }
  | { status: "failed"; attempt: number; error: string; nextAttemptAt: Date }
  | { status: "dead"; attempt: number; error: string }
  | { status: "skipped"; reason: string };

const LOCK_MS = 60_000;
const RESPONSE_SNIPPET = 500;

/**
 * Makes one attempt at a delivery if it is pending/failed and not locked by
 * another worker. `force` ignores nextAttemptAt (console resend, tests).
 */
export async function attemptWebhookDelivery(
  db: DbOrTx,
  deliveryId: string,
  options: DeliveryOptions & { force?: boolean } = {},
): Promise<DeliveryOutcome> {
  const now = options.now ?? (() => new Date());
  const started = now();
  // Claim the delivery: one worker at a time, and only when due (unless forced).
  const claimed = await db.billingWebhookDelivery.updateMany({
    where: {
      id: deliveryId,
      status: { in: ["pending", "failed"] },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: started } }],
      ...(options.force ? {} : { nextAttemptAt: { lte: started } }),
    },
    data: { lockedUntil: new Date(started.getTime() + LOCK_MS) },
  });
  if (claimed.count === 0) return { status: "skipped", reason: "not due, already delivered, dead or being sent" };

  const delivery = await db.billingWebhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { endpoint: true, event: true },
  });
  const attempt = delivery.attempts + 1;
  const lago = delivery.endpoint.format === "lago";
  // An endpoint switched to Lago's format after the event was stored has no Lago body for it: sent as stored, in ours.
  const body = lago && delivery.event.lagoPayload ? delivery.event.lagoPayload : delivery.event.payload;
  const signatureHeaders =
    lago && delivery.event.lagoPayload
      ? lagoWebhookHeaders(body, delivery.endpoint.secret, delivery.event.id)
      : { [SIGNATURE_HEADER]: signPayload(body, delivery.endpoint.secret, Math.floor(started.getTime() / 1000)).header };

  let statusCode: number | null = null;
  let error: string | null = null;
  let responseBody: string | null = null;
  try {
    const response = await safeFetch(
      delivery.endpoint.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Switchboard-Billing-Webhooks/1.0",
          ...signatureHeaders,
          "Switchboard-Event-Id": delivery.event.id,
          "Switchboard-Event-Type": delivery.event.type,
          "Switchboard-Delivery-Attempt": String(attempt),
        },
        body,
      },
      { allowLoopback: options.allowLoopback ?? false, timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS },
    );
    statusCode = response.status;
    responseBody = (await response.text().catch(() => "")).slice(0, RESPONSE_SNIPPET);
    if (!isDeliverySuccess(statusCode)) error = `HTTP ${statusCode}`;
  } catch (err) {
    error = err instanceof SsrfBlockedError ? `Refused: ${err.message}` : err instanceof Error ? err.message : String(err);
  }

  const finished = now();
  await db.billingWebhookAttempt.create({
    data: {
      deliveryId,
      attempt,
      startedAt: started,
      durationMs: Math.max(0, finished.getTime() - started.getTime()),
      statusCode,
      error,
      responseBody,
    },
  });

  if (!error && statusCode !== null) {
    await db.billingWebhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "delivered", attempts: attempt, deliveredAt: finished, lastStatusCode: statusCode, lastError: null, nextAttemptAt: null, lockedUntil: null },
    });
    return { status: "delivered", attempt, statusCode };
  }

  const message = error ?? "no response";
  const next = nextAttemptAt(attempt, finished, options.scheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS);
  if (next === null) {
    await db.billingWebhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "dead", attempts: attempt, deadAt: finished, lastStatusCode: statusCode, lastError: message, nextAttemptAt: null, lockedUntil: null },
    });
    logger.warn("billing.webhook_dead", { deliveryId, endpointId: delivery.endpointId, attempts: attempt });
    return { status: "dead", attempt, error: message };
  }
  await db.billingWebhookDelivery.update({
    where: { id: deliveryId },
    data: { status: "failed", attempts: attempt, lastStatusCode: statusCode, lastError: message, nextAttemptAt: next, lockedUntil: null },
  });
  return { status: "failed", attempt, error: message, nextAttemptAt: next };
}

/** Attempts every delivery that is due now (the drain cron), oldest first. */
export async function deliverDueWebhooks(db: DbOrTx, options: DeliveryOptions & { limit?: number } = {}) {
  const now = (options.now ?? (() => new Date()))();
  const due = await db.billingWebhookDelivery.findMany({
    where: { status: { in: ["pending", "failed"] }, nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 100,
    select: { id: true },
  });
  const outcomes: DeliveryOutcome[] = [];
  for (const { id } of due) outcomes.push(await attemptWebhookDelivery(db, id, options));
  return { attempted: outcomes.filter((o) => o.status !== "skipped").length, outcomes };
}

/**
 * The console's "Resend": a dead, failed or delivered delivery starts over
 * with a fresh schedule and is attempted at once. Its attempt log is kept.
 */
export async function resendWebhookDelivery(db: DbOrTx, deliveryId: string, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const now = (options.now ?? (() => new Date()))();
  await db.billingWebhookDelivery.updateMany({
    where: { id: deliveryId },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, deadAt: null, lockedUntil: null },
  });
  return attemptWebhookDelivery(db, deliveryId, { ...options, force: true });
}
