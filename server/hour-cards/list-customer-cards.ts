import type { DbOrTx } from "@/server/db";

/**
 * The customer's cards billable time may draw on: active and not past their
 * expiry, the one expiring soonest first (cards without an expiry last, then
 * oldest purchase). The migration wizard's card picker offers exactly these.
 */
export async function listActiveCardsForCustomer(db: DbOrTx, customerId: string) {
  const now = new Date();
  const cards = await db.hourCard.findMany({
    where: { customerId, status: "active", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { purchasedAt: "asc" }, { id: "asc" }],
    select: { id: true, customerId: true, name: true, purchasedMinutes: true, purchasedAt: true, expiresAt: true, status: true },
  });
  const balances = await balancesOf(db, cards.map((c) => c.id));
  return cards.map((c) => ({ ...c, balanceMinutes: balances.get(c.id) ?? 0 }));
}

/** Balances (SUM of each ledger) of many cards in one query. */
export async function balancesOf(db: DbOrTx, cardIds: string[]): Promise<Map<string, number>> {
  if (cardIds.length === 0) return new Map();
  const sums = await db.hourCardTransaction.groupBy({ by: ["cardId"], where: { cardId: { in: cardIds } }, _sum: { minutes: true } });
  return new Map(sums.map((s) => [s.cardId, s._sum.minutes ?? 0]));
}
