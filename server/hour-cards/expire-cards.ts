/**
 * Expiry: a card past its expiry date loses what is left on it. For each such
 * card one "expiry" transaction removes the remaining balance (sourceKey
 * "expiry:<cardId>", so a rerun or a parallel run never writes a second) and
 * the card is marked expired.
 */
import { db as rootDb } from "@/server/db";
import { HourCardError } from "./hour-card-error";
import { balanceOf, lockCard, recordCardTransaction } from "./record-card-transaction";

const BATCH = 200;

export interface ExpirySweepResult {
  expired: number;
  minutesExpired: number;
}

export async function expireHourCards(now = new Date(), db = rootDb): Promise<ExpirySweepResult> {
  const due = await db.hourCard.findMany({
    where: { status: { in: ["active", "used_up"] }, expiresAt: { lte: now } },
    select: { id: true, customerId: true },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  let expired = 0;
  let minutesExpired = 0;
  for (const card of due) {
    await db.$transaction(async (tx) => {
      await lockCard(tx, card.id);
      const balance = await balanceOf(tx, card.id);
      if (balance > 0) {
        try {
          await recordCardTransaction(tx, {
            cardId: card.id,
            customerId: card.customerId,
            kind: "expiry",
            minutes: -balance,
            reason: "Card expired with hours left",
            actorUserId: null,
            sourceType: "expiry",
            sourceId: card.id,
            sourceKey: `expiry:${card.id}`,
          });
          minutesExpired += balance;
        } catch (error) {
          // Another run got there first: its transaction already zeroed the card.
          if (!(error instanceof HourCardError && error.code === "duplicate_source")) throw error;
        }
      }
      const marked = await tx.hourCard.updateMany({ where: { id: card.id, status: { in: ["active", "used_up"] } }, data: { status: "expired" } });
      expired += marked.count;
    });
  }
  return { expired, minutesExpired };
}
