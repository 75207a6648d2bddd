/** A stored event as Lago answers POST /events (EventObject). */
import type { LagoEventInput } from "@/lib/validators/billing-api";

export function lagoEventJson(e: { event: LagoEventInput; timestamp: Date; recordId: string; subscriptionId: string }, now: Date) {
  return {
    lago_id: e.recordId,
    transaction_id: e.event.transaction_id,
    lago_customer_id: null,
    code: e.event.code,
    timestamp: e.timestamp.toISOString(),
    properties: e.event.properties ?? {},
    lago_subscription_id: e.subscriptionId,
    external_subscription_id: e.event.external_subscription_id,
    created_at: now.toISOString(),
  };
}
