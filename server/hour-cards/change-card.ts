/**
 * Console changes to a card: top-up, adjustment and closing. Each is one
 * ledger transaction (or a status change) with the admin's reason.
 */
import type { AdjustHourCardInput, TopUpHourCardInput } from "@/lib/validators/hour-cards";
import { db as rootDb } from "@/server/db";
import { HourCardError } from "./hour-card-error";
import { recordCardTransaction } from "./record-card-transaction";

async function cardCustomerOrThrow(db: typeof rootDb, cardId: string): Promise<string> {
  const card = await db.hourCard.findUnique({ where: { id: cardId }, select: { customerId: true } });
  if (!card) throw new HourCardError("card_not_found", "The hour card was not found", "cardId");
  return card.customerId;
}

export async function topUpHourCard(input: TopUpHourCardInput, actorUserId: string, db = rootDb) {
  const customerId = await cardCustomerOrThrow(db, input.cardId);
  return recordCardTransaction(db, { cardId: input.cardId, customerId, kind: "top_up", minutes: input.minutes, reason: input.reason, actorUserId, sourceType: "manual" });
}

export async function adjustHourCard(input: AdjustHourCardInput, actorUserId: string, db = rootDb) {
  const customerId = await cardCustomerOrThrow(db, input.cardId);
  const minutes = input.direction === "add" ? input.minutes : -input.minutes;
  return recordCardTransaction(db, { cardId: input.cardId, customerId, kind: "adjustment", minutes, reason: input.reason, actorUserId, sourceType: "manual" });
}

/**
 * Closes a card for good: no more consumption or top-ups. The remaining
 * balance stays in the ledger as it was (closing is not a refund).
 */
export async function closeHourCard(cardId: string, reason: string, actorUserId: string, db = rootDb) {
  return db.$transaction(async (tx) => {
    const closed = await tx.hourCard.updateMany({ where: { id: cardId, status: { not: "closed" } }, data: { status: "closed", closedAt: new Date(), closedReason: reason, closedById: actorUserId } });
    if (closed.count === 0) {
      const exists = await tx.hourCard.count({ where: { id: cardId } });
      throw exists ? new HourCardError("card_closed", "The hour card is already closed", "cardId") : new HourCardError("card_not_found", "The hour card was not found", "cardId");
    }
    return { cardId };
  });
}
