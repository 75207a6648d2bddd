import type { DbOrTx } from "@/server/db";

/** Ids of the still-pending deliveries of these events (to queue their first attempt). */
export async function pendingDeliveryIds(db: DbOrTx, eventIds: readonly string[]): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const rows = await db.billingWebhookDelivery.findMany({
    where: { eventId: { in: [...eventIds] }, status: "pending" },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
