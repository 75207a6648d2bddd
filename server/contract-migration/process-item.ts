/**
 * One wizard decision on one item: archive a case, transfer a time log's
 * hours to a card, or skip with a reason. Dry runs take the very same path
 * and stop only where a live run writes the archive row or the card's
 * top-up. Each item is its own transaction, and the transaction first
 * claims the item (pending → its result) with a conditional update: of two
 * clicks, tabs or retries on one item, the second waits for the first and
 * then finds nothing to claim, so nothing happens twice.
 */
import type { PrismaClient } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import type { ProcessItemInput } from "@/lib/validators/contract-migration";
import { assertCardForCustomer, findTransferBySourceKey, isDuplicateTransfer, timeLogSourceKey, topUpCardFromTimeLog } from "./card-port";
import { fieldText, minutesFromHours } from "./contract-fields";
import { badMigrationInput, migrationConflict, migrationNotFound } from "./errors";
import { recordMigrationAudit } from "./migration-audit";
import { formatDecimalHours as formatHours } from "@/lib/hour-cards/format-minutes";

type Run = { id: string; dryRun: boolean; connectionId: string; customerId: string; contractExternalId: string };
type Item = { id: string; kind: string; externalId: string; title: string; hoursText: string | null; raw: unknown; state: string };
export type ItemState = "archived" | "transferred" | "skipped" | "failed" | "would_archive" | "would_transfer";

export interface ItemResult {
  itemId: string;
  state: ItemState;
  message: string;
}

/** Thrown inside the claim when another request got there first. */
class AlreadyProcessed extends Error {}

const PAST: Record<string, string> = {
  archived: "archived",
  would_archive: "marked to archive in this dry run",
  transferred: "transferred",
  would_transfer: "marked to transfer in this dry run",
  skipped: "skipped",
  failed: "failed",
};

function alreadyMessage(item: { kind: string; state: string }): string {
  return `This ${item.kind === "case" ? "case" : "time log"} was already ${PAST[item.state] ?? item.state}.`;
}

/** Claims the item and moves the run's counters, in the caller's transaction; the run completes with its last item. */
async function claim(
  tx: DbOrTx,
  run: Run,
  item: Item,
  to: { state: ItemState; cardId?: string; minutes?: number; reason?: string; error?: string },
) {
  const claimed = await tx.contractMigrationItem.updateMany({
    where: { id: item.id, state: "pending" },
    data: { state: to.state, cardId: to.cardId ?? null, minutes: to.minutes ?? null, reason: to.reason ?? null, error: to.error ?? null, processedAt: new Date() },
  });
  if (claimed.count === 0) throw new AlreadyProcessed();
  const counter =
    to.state === "archived" || to.state === "would_archive"
      ? { archivedCount: { increment: 1 } }
      : to.state === "transferred" || to.state === "would_transfer"
        ? { transferredCount: { increment: 1 }, minutesTransferred: { increment: to.minutes ?? 0 } }
        : to.state === "skipped"
          ? { skippedCount: { increment: 1 } }
          : { failedCount: { increment: 1 } };
  const pending = await tx.contractMigrationItem.count({ where: { runId: run.id, state: "pending" } });
  await tx.contractMigrationRun.update({
    where: { id: run.id },
    data: { ...counter, ...(pending === 0 ? { status: "completed", completedAt: new Date() } : {}) },
  });
}

async function finish(
  db: PrismaClient,
  run: Run,
  item: Item,
  actorUserId: string,
  to: Parameters<typeof claim>[3],
  detail: string,
  write?: (tx: DbOrTx) => Promise<void>,
): Promise<ItemResult> {
  try {
    await db.$transaction(async (tx) => {
      await claim(tx, run, item, to);
      if (write) await write(tx);
      await recordMigrationAudit(tx, { run, itemId: item.id, action: to.state, detail, actorUserId });
    });
  } catch (e) {
    if (e instanceof AlreadyProcessed) {
      const now = await db.contractMigrationItem.findUnique({ where: { id: item.id }, select: { state: true, kind: true } });
      throw migrationConflict("already_processed", alreadyMessage(now ?? item));
    }
    throw e;
  }
  return { itemId: item.id, state: to.state, message: detail };
}

/** Marks the item failed with the reason (both modes): it cannot succeed whatever the admin picks. */
function fail(db: PrismaClient, run: Run, item: Item, actorUserId: string, error: string) {
  return finish(db, run, item, actorUserId, { state: "failed", error }, `${item.title}: failed: ${error}`);
}

async function archiveCase(db: PrismaClient, run: Run, item: Item, actorUserId: string): Promise<ItemResult> {
  const existing = await db.archivedCase.findUnique({
    where: { connectionId_externalId: { connectionId: run.connectionId, externalId: item.externalId } },
    select: { archivedAt: true },
  });
  if (existing) return fail(db, run, item, actorUserId, `Case ${item.title} is already archived (since ${existing.archivedAt.toISOString().slice(0, 10)}).`);
  if (run.dryRun) return finish(db, run, item, actorUserId, { state: "would_archive" }, `would archive case ${item.title}`);
  const raw = (item.raw ?? {}) as Record<string, unknown>;
  const title = fieldText(raw.ticket_title) || item.title;
  const description = fieldText(raw.description) || null;
  const caseNumber = fieldText(raw.ticket_no) || null;
  const parseTime = (v: unknown) => {
    const t = fieldText(v);
    return t ? new Date(`${t.replace(" ", "T")}Z`) : null;
  };
  try {
    return await finish(db, run, item, actorUserId, { state: "archived" }, `archived case ${item.title}`, async (tx) => {
      await tx.archivedCase.create({
        data: {
          sourceSystem: "vtiger",
          connectionId: run.connectionId,
          externalId: item.externalId,
          caseNumber,
          customerId: run.customerId,
          contractExternalId: run.contractExternalId,
          runId: run.id,
          title,
          status: fieldText(raw.ticketstatus) || null,
          description,
          openedAt: parseTime(raw.createdtime),
          closedAt: parseTime(raw.modifiedtime),
          raw: raw as object,
          searchText: [caseNumber, title, description].filter(Boolean).join(" ").toLowerCase(),
          archivedById: actorUserId,
        },
      });
    });
  } catch (e) {
    // Another run archived the same case between our check and our insert.
    if ((e as { code?: string }).code === "P2002") return fail(db, run, item, actorUserId, `Case ${item.title} is already archived.`);
    throw e;
  }
}

async function transferTimeLog(db: PrismaClient, run: Run, item: Item, cardId: string, actorUserId: string): Promise<ItemResult> {
  const parsed = minutesFromHours(item.hoursText);
  if ("error" in parsed) return fail(db, run, item, actorUserId, parsed.error);
  const sourceKey = timeLogSourceKey(run.connectionId, item.externalId);
  const earlier = await findTransferBySourceKey(db, sourceKey);
  if (earlier) return fail(db, run, item, actorUserId, `This time log was already transferred (${earlier}).`);
  // A card of another customer, expired or closed is refused and the item stays open for another choice.
  const card = await assertCardForCustomer(db, cardId, run.customerId);
  const hours = formatHours(parsed.minutes);
  const to = { state: (run.dryRun ? "would_transfer" : "transferred") as ItemState, cardId, minutes: parsed.minutes };
  if (run.dryRun) return finish(db, run, item, actorUserId, to, `would transfer ${hours} from ${item.title} to card ${card.label}`);
  try {
    return await finish(db, run, item, actorUserId, to, `transferred ${hours} from ${item.title} to card ${card.label}`, (tx) =>
      topUpCardFromTimeLog(tx, { cardId, customerId: run.customerId, minutes: parsed.minutes, actorUserId, sourceKey, externalId: item.externalId, title: item.title }),
    );
  } catch (e) {
    if (isDuplicateTransfer(e)) return fail(db, run, item, actorUserId, "This time log was already transferred.");
    throw e;
  }
}

/** The wizard's one step. Bad choices (a card that is not the customer's active card) are refused with 422 and change nothing. */
export async function processItem(db: PrismaClient, input: ProcessItemInput & { actorUserId: string }): Promise<ItemResult> {
  const run = await db.contractMigrationRun.findUnique({ where: { id: input.runId } });
  if (!run) throw migrationNotFound("No such migration run.");
  const item = await db.contractMigrationItem.findFirst({ where: { id: input.itemId, runId: run.id } });
  if (!item) throw migrationNotFound("No such item in this run.");
  if (item.state !== "pending") throw migrationConflict("already_processed", alreadyMessage(item));
  if (input.action === "skip") {
    return finish(db, run, item, input.actorUserId, { state: "skipped", reason: input.reason }, `skipped ${item.title}: ${input.reason}`);
  }
  if (input.action === "archive") {
    if (item.kind !== "case") throw badMigrationInput("wrong_action", "Only cases are archived; transfer or skip a time log.", "action");
    return archiveCase(db, run, item, input.actorUserId);
  }
  if (item.kind !== "time_log") throw badMigrationInput("wrong_action", "Only time logs are transferred; archive or skip a case.", "action");
  return transferTimeLog(db, run, item, input.cardId, input.actorUserId);
}
