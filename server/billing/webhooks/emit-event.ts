/**
 * Outbound billing events. The body is serialised once here and stored; every
 * attempt to every endpoint sends (and signs) exactly those bytes. Call inside
 * the transaction that made the change, then dispatch after commit.
 */
import type { BillingEventType } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import { generateToken } from "@/server/security/tokens";

export interface EmitBillingEventInput {
  type: BillingEventType;
  /** The service whose endpoints receive it (the subscription's source app). */
  serviceId: string;
  data: Record<string, unknown>;
  /** Once-only events (usage thresholds): a second emit with the same key does nothing. */
  dedupeKey?: string;
  now?: Date;
  /** Lago's counterpart of this event (webhook_type, object_type and the object, loaded only when a "lago" endpoint wants it). */
  lago?: { webhookType: string; objectType: string; load: () => Promise<unknown> };
}

/** A fresh, unique event id: evt_ + 24 random URL-safe characters. */
export function newBillingEventId(): string {
  return `evt_${generateToken(18)}`;
}

/**
 * Stores the event and one pending delivery per active endpoint of the
 * service that wants this type. Returns the event id, or null when the
 * dedupe key was already used.
 */
export async function emitBillingEvent(db: DbOrTx, input: EmitBillingEventInput): Promise<string | null> {
  const now = input.now ?? new Date();
  const id = newBillingEventId();
  const payload = JSON.stringify({ id, type: input.type, created_at: now.toISOString(), data: input.data });
  // ON CONFLICT DO NOTHING (skipDuplicates): a unique violation would abort the caller's transaction.
  const { count } = await db.billingEvent.createMany({
    data: [{ id, type: input.type, serviceId: input.serviceId, dedupeKey: input.dedupeKey ?? null, payload, createdAt: now }],
    skipDuplicates: true,
  });
  if (count === 0) return null;
  const endpoints = await db.billingWebhookEndpoint.findMany({
    where: {
      serviceId: input.serviceId,
      active: true,
      OR: [{ eventTypes: { isEmpty: true } }, { eventTypes: { has: input.type } }],
    },
    select: { id: true, format: true },
  });
  // Lago-format endpoints get only events Lago itself has; their body is serialised once, here, like ours.
  const lagoWanted = input.lago && endpoints.some((e) => e.format === "lago");
  if (lagoWanted && input.lago) {
    const lagoPayload = JSON.stringify({ webhook_type: input.lago.webhookType, object_type: input.lago.objectType, [input.lago.objectType]: await input.lago.load() });
    await db.billingEvent.update({ where: { id }, data: { lagoPayload } });
  }
  const receivers = endpoints.filter((e) => e.format !== "lago" || lagoWanted);
  if (receivers.length > 0) {
    await db.billingWebhookDelivery.createMany({
      data: receivers.map((e) => ({ endpointId: e.id, eventId: id, nextAttemptAt: now })),
      skipDuplicates: true,
    });
  }
  return id;
}
