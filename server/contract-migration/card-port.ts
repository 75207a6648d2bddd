/**
 * The wizard's only contact with prepaid hour cards (server/hour-cards,
 * built alongside): which cards a customer may receive hours on, and the
 * top-up that references the CRM time log. At-most-once is the ledger's
 * unique HourCardTransaction.sourceKey; we also look before writing so the
 * admin reads "already transferred" rather than a constraint error.
 */
import type { DbOrTx } from "@/server/db";
import { HourCardError } from "@/server/hour-cards/hour-card-error";
import { listActiveCardsForCustomer } from "@/server/hour-cards/list-customer-cards";
import { recordCardTransaction } from "@/server/hour-cards/record-card-transaction";
import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";
import { badMigrationInput } from "./errors";

/** One time log, one key, across every run and connection. */
export function timeLogSourceKey(connectionId: string, externalId: string): string {
  return `crm-timelog:${connectionId}:${externalId}`;
}

export interface PickableCard {
  id: string;
  label: string;
}

/** The customer's active cards, as the picker offers them. */
export async function listCardsForCustomer(db: DbOrTx, customerId: string): Promise<PickableCard[]> {
  const cards = await listActiveCardsForCustomer(db, customerId);
  return cards.map((c) => ({ id: c.id, label: `${c.name} · ${formatHours(c.balanceMinutes)} left` }));
}

/**
 * The card if it is one of the customer's active cards; otherwise a 422 that
 * says what is wrong with it (another customer's, expired, closed, unknown).
 */
export async function assertCardForCustomer(db: DbOrTx, cardId: string, customerId: string): Promise<PickableCard> {
  const active = (await listCardsForCustomer(db, customerId)).find((c) => c.id === cardId);
  if (active) return active;
  const card = await db.hourCard.findUnique({ where: { id: cardId }, select: { customerId: true, status: true, expiresAt: true } });
  const why = !card
    ? "That card does not exist."
    : card.customerId !== customerId
      ? "That card belongs to another customer."
      : card.expiresAt && card.expiresAt <= new Date()
        ? "That card has expired."
        : `That card is ${String(card.status).replace(/_/g, " ")}, not active.`;
  throw badMigrationInput("card_refused", `${why} Pick one of this customer's active cards.`, "cardId");
}

/** When the time log was transferred before, in words; null when never. */
export async function findTransferBySourceKey(db: DbOrTx, sourceKey: string): Promise<string | null> {
  const earlier = await db.hourCardTransaction.findUnique({ where: { sourceKey }, select: { createdAt: true, minutes: true } });
  return earlier ? `${formatHours(earlier.minutes)} on ${earlier.createdAt.toISOString().slice(0, 10)}` : null;
}

/**
 * The top-up, in the item's transaction. A card that turned bad under the
 * lock (expired, closed) throws the ledger's own HourCardError, a 4xx that
 * names the problem, and the item stays open.
 */
export async function topUpCardFromTimeLog(
  tx: DbOrTx,
  t: { cardId: string; customerId: string; minutes: number; actorUserId: string; sourceKey: string; externalId: string; title: string },
): Promise<void> {
  await recordCardTransaction(tx, {
      cardId: t.cardId,
      customerId: t.customerId,
      kind: "top_up",
      minutes: t.minutes,
      reason: `CRM time log ${t.externalId}: ${t.title}`,
      actorUserId: t.actorUserId,
      sourceType: "crm_time_log",
      sourceId: t.externalId,
    sourceKey: t.sourceKey,
  });
}

/** The ledger refused a second transfer of the same time log (its own check or the unique key). */
export function isDuplicateTransfer(e: unknown): boolean {
  if (e instanceof HourCardError && e.code === "duplicate_source") return true;
  const err = e as { code?: string; meta?: { target?: unknown } };
  return err.code === "P2002" && JSON.stringify(err.meta?.target ?? "").includes("sourceKey");
}
