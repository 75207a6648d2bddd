/**
 * The one way an hour card's balance changes: append a row to its ledger.
 * The card row is locked first (SELECT … FOR UPDATE), so two consumptions at
 * once are serialised and neither can overdraw; the balance is then the SUM
 * of the ledger read under that lock. Works inside a caller's transaction
 * (the migration wizard commits an item atomically) or opens its own.
 */
import type { Db, DbOrTx } from "@/server/db";
import type { HourCardStatus, HourCardTransactionKind, Prisma } from "@/server/generated/prisma/client";
import { HourCardError } from "./hour-card-error";
import { getHourCardSettings, isLowBalance } from "./hour-card-settings";
import { queueLowBalanceEmail } from "./low-balance-email";

export type HourCardTransactionKindValue = `${HourCardTransactionKind}`;

export interface RecordCardTransactionInput {
  cardId: string;
  customerId: string;
  kind: HourCardTransactionKindValue;
  /** Signed: + adds (top_up), − consumes (consumption, expiry); adjustment either way. */
  minutes: number;
  reason: string;
  actorUserId: string | null;
  sourceType: string;
  sourceId?: string | null;
  /** At-most-once key: a second transaction with the same key is refused as duplicate_source. */
  sourceKey?: string | null;
}

export interface RecordCardTransactionResult {
  transactionId: string;
  balanceMinutes: number;
  /** The low-balance e-mail queued by this transaction, if it crossed the threshold first (dispatch after commit). */
  lowBalanceEmailId?: string | null;
}

interface LockedCard {
  id: string;
  customerId: string;
  status: HourCardStatus;
  expiresAt: Date | null;
  purchasedMinutes: number;
  lowBalanceNotifiedAt: Date | null;
}

const SIGN_RULE: Record<HourCardTransactionKindValue, { ok: (m: number) => boolean; message: string }> = {
  top_up: { ok: (m) => m > 0, message: "A top-up must add a positive whole number of minutes" },
  consumption: { ok: (m) => m < 0, message: "A consumption must take a negative whole number of minutes" },
  adjustment: { ok: (m) => m !== 0, message: "An adjustment must change the balance by a non-zero whole number of minutes" },
  expiry: { ok: (m) => m < 0, message: "An expiry must remove a negative whole number of minutes" },
};

// PostgreSQL's integer range: larger values would fail in the database instead of here.
const MAX_ABS_MINUTES = 2_147_483_647;

function assertMinutes(kind: HourCardTransactionKindValue, minutes: number): void {
  const rule = SIGN_RULE[kind];
  if (!rule) throw new HourCardError("invalid_input", `Unknown transaction kind "${String(kind)}"`, "kind");
  if (!Number.isInteger(minutes) || Math.abs(minutes) > MAX_ABS_MINUTES || !rule.ok(minutes)) {
    throw new HourCardError("invalid_minutes", rule.message, "minutes");
  }
}

function assertUsable(card: LockedCard | undefined, input: RecordCardTransactionInput, now: Date): asserts card is LockedCard {
  if (!card) throw new HourCardError("card_not_found", "The hour card was not found", "cardId");
  if (card.customerId !== input.customerId) {
    throw new HourCardError("wrong_customer", "The hour card belongs to another customer", "cardId");
  }
  if (card.status === "closed") throw new HourCardError("card_closed", "The hour card is closed", "cardId");
  // The expiry transaction itself is what empties an expired card.
  if (input.kind === "expiry") return;
  if (card.status === "expired" || (card.expiresAt && card.expiresAt <= now)) {
    throw new HourCardError("card_expired", "The hour card has expired", "cardId");
  }
}

function nextStatus(kind: HourCardTransactionKindValue, balance: number): HourCardStatus {
  if (kind === "expiry") return "expired";
  return balance > 0 ? "active" : "used_up";
}

async function recordLocked(tx: DbOrTx, input: RecordCardTransactionInput): Promise<RecordCardTransactionResult> {
  assertMinutes(input.kind, input.minutes);
  const reason = input.reason.trim();
  if (!reason) throw new HourCardError("invalid_input", "Give a reason for the transaction", "reason");

  await lockCard(tx, input.cardId);
  const card: LockedCard | undefined =
    (await tx.hourCard.findUnique({
      where: { id: input.cardId },
      select: { id: true, customerId: true, status: true, expiresAt: true, purchasedMinutes: true, lowBalanceNotifiedAt: true },
    })) ?? undefined;
  const now = new Date();
  assertUsable(card, input, now);

  // At-most-once comes before any balance rule: a repeat is a repeat, whatever the balance now is.
  if (input.sourceKey && (await tx.hourCardTransaction.findUnique({ where: { sourceKey: input.sourceKey }, select: { id: true } }))) {
    throw duplicateSource(input.sourceKey);
  }
  const before = await balanceOf(tx, card.id);
  const after = before + input.minutes;
  if (input.minutes < 0 && after < 0) {
    const settings = await getHourCardSettings(tx);
    if (!settings.allowNegative) {
      throw new HourCardError(
        "insufficient_balance",
        `The card has ${before} minutes left; this would take it to ${after}, and cards may not go below zero`,
        "minutes",
      );
    }
  }

  const id = await insertOnce(tx, {
    cardId: card.id,
    kind: input.kind,
    minutes: input.minutes,
    reason,
    actorUserId: input.actorUserId,
    sourceType: input.sourceType,
    sourceId: input.sourceId ?? null,
    sourceKey: input.sourceKey ?? null,
    createdAt: now,
  });

  const purchasedMinutes = card.purchasedMinutes + (input.kind === "top_up" ? input.minutes : 0);
  await tx.hourCard.update({
    where: { id: card.id },
    data: { status: nextStatus(input.kind, after), purchasedMinutes },
  });

  let lowBalanceEmailId: string | null = null;
  if (input.minutes < 0 && input.kind !== "expiry" && !card.lowBalanceNotifiedAt) {
    const settings = await getHourCardSettings(tx);
    if (isLowBalance(settings, after, purchasedMinutes)) lowBalanceEmailId = await queueLowBalanceEmail(tx, card.id, after);
  }
  return { transactionId: id, balanceMinutes: after, lowBalanceEmailId };
}

function duplicateSource(sourceKey: string | null): HourCardError {
  return new HourCardError("duplicate_source", `Already recorded: the source "${sourceKey}" has a transaction`, "sourceKey");
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  return e?.code === "P2002" || cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation";
}

/**
 * Inserts the row unless its sourceKey is taken. The lookup answers the usual
 * repeat; a savepoint catches the race with a parallel insert of the same key,
 * so the unique violation neither aborts the caller's transaction nor reaches
 * anyone as the database's text.
 */
async function insertOnce(tx: DbOrTx, data: Prisma.HourCardTransactionUncheckedCreateInput): Promise<string> {
  if (!data.sourceKey) return (await tx.hourCardTransaction.create({ data, select: { id: true } })).id;
  const taken = await tx.hourCardTransaction.findUnique({ where: { sourceKey: data.sourceKey }, select: { id: true } });
  if (taken) throw duplicateSource(data.sourceKey);
  await tx.$executeRaw`SAVEPOINT hour_card_insert`;
  try {
    const row = await tx.hourCardTransaction.create({ data, select: { id: true } });
    await tx.$executeRaw`RELEASE SAVEPOINT hour_card_insert`;
    return row.id;
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT hour_card_insert`;
    if (isUniqueViolation(error)) throw duplicateSource(data.sourceKey);
    throw error;
  }
}

/** Locks the card row until the transaction ends; every balance change takes this lock first. */
export async function lockCard(tx: DbOrTx, cardId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "HourCard" WHERE "id" = ${cardId} FOR UPDATE`;
}

/** The card's balance in minutes: the SUM of its ledger. */
export async function balanceOf(db: DbOrTx, cardId: string): Promise<number> {
  const sum = await db.hourCardTransaction.aggregate({ where: { cardId }, _sum: { minutes: true } });
  return sum._sum.minutes ?? 0;
}

/**
 * Appends one ledger transaction to a card and returns the new balance.
 * Throws HourCardError (card_not_found, wrong_customer, card_expired,
 * card_closed, invalid_minutes, insufficient_balance, duplicate_source,
 * invalid_input); nothing is written when it throws.
 */
export async function recordCardTransaction(db: DbOrTx, input: RecordCardTransactionInput): Promise<RecordCardTransactionResult> {
  // A transaction client has no $transaction: then the caller's transaction holds the lock.
  const root = db as Partial<Db>;
  if (typeof root.$transaction === "function") return root.$transaction((tx) => recordLocked(tx, input));
  return recordLocked(db, input);
}
