import type { CreateHourCardInput } from "@/lib/validators/hour-cards";
import { db as rootDb } from "@/server/db";
import { HourCardError } from "./hour-card-error";
import { recordCardTransaction } from "./record-card-transaction";

/**
 * Creates a card and its opening top-up in one transaction: the card starts at
 * 0 purchased minutes and the "card_purchase" top-up adds them, so purchased
 * minutes always equal the sum of the card's top-ups.
 */
export async function createHourCard(input: CreateHourCardInput, actorUserId: string, db = rootDb) {
  return db.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw new HourCardError("invalid_input", "The customer was not found", "customerId");
    const card = await tx.hourCard.create({
      data: {
        customerId: customer.id,
        name: input.name,
        purchasedMinutes: 0,
        pricePaid: input.pricePaid ?? null,
        currency: input.pricePaid ? (input.currency ?? null) : null,
        purchasedAt: new Date(`${input.purchasedOn}T00:00:00Z`),
        // A card is good through its expiry date, so it lapses at the end of that day (UTC).
        expiresAt: input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999Z`) : null,
        createdById: actorUserId,
      },
      select: { id: true },
    });
    await recordCardTransaction(tx, {
      cardId: card.id,
      customerId: customer.id,
      kind: "top_up",
      minutes: input.purchasedMinutes,
      reason: "Card purchased",
      actorUserId,
      sourceType: "card_purchase",
      sourceId: card.id,
      sourceKey: `card-purchase:${card.id}`,
    });
    return card;
  });
}
