import type { PrismaClient } from "@/server/generated/prisma/client";
import { assertCardForCustomer } from "./card-port";
import { minutesFromHours } from "./contract-fields";
import { badMigrationInput, migrationNotFound } from "./errors";
import { processItem, type ItemResult } from "./process-item";
import { RequestError } from "@/server/errors/request-error";

/** What "Apply to the rest" would do, for its confirmation: counts and the hours that would go to the card. */
export async function previewApplyToRest(db: PrismaClient, runId: string) {
  const items = await db.contractMigrationItem.findMany({ where: { runId, state: "pending" }, select: { kind: true, hoursText: true } });
  const logs = items.filter((i) => i.kind === "time_log");
  const minutes = logs.reduce((sum, i) => {
    const m = minutesFromHours(i.hoursText);
    return sum + ("minutes" in m ? m.minutes : 0);
  }, 0);
  const invalid = logs.filter((i) => "error" in minutesFromHours(i.hoursText)).length;
  return { cases: items.length - logs.length, timeLogs: logs.length, minutes, invalidTimeLogs: invalid };
}

/**
 * Archives every remaining case and transfers every remaining time log to
 * one card, item by item through processItem (each its own transaction, so
 * an interruption leaves a clean point to resume from). The card is checked
 * once up front so a wrong card refuses the whole request, not item by item.
 */
export async function applyToRest(db: PrismaClient, input: { runId: string; cardId?: string; actorUserId: string }) {
  const run = await db.contractMigrationRun.findUnique({ where: { id: input.runId }, select: { id: true, customerId: true } });
  if (!run) throw migrationNotFound("No such migration run.");
  const pending = await db.contractMigrationItem.findMany({ where: { runId: run.id, state: "pending" }, orderBy: { seq: "asc" }, select: { id: true, kind: true } });
  const cardId = input.cardId ?? "";
  if (pending.some((i) => i.kind === "time_log")) {
    if (!cardId) throw badMigrationInput("card_required", "Pick a default card for the remaining time logs.", "cardId");
    await assertCardForCustomer(db, cardId, run.customerId);
  }
  const results: ItemResult[] = [];
  for (const item of pending) {
    const action = item.kind === "case" ? ({ action: "archive" } as const) : ({ action: "transfer", cardId } as const);
    try {
      results.push(await processItem(db, { runId: run.id, itemId: item.id, actorUserId: input.actorUserId, ...action }));
    } catch (e) {
      // Another tab took this item meanwhile: its result stands, carry on with the rest.
      if (e instanceof RequestError && e.code === "already_processed") continue;
      throw e;
    }
  }
  return { processed: results.length, results };
}
