/**
 * The admin's keyword rules. New rules go last (the first match wins); they
 * apply to drafts on the next ingest, never to posted entries.
 */
import type { DbOrTx } from "@/server/db";
import type { LedgerFamily } from "@/server/generated/prisma/client";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { ledgerError } from "./ledger-errors";

export async function listFamilyRules(db: DbOrTx) {
  await ensureLedgerSetup(db);
  return db.ledgerFamilyRule.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, keyword: true, family: true } });
}

export async function addFamilyRule(db: DbOrTx, input: { keyword: string; family: LedgerFamily }) {
  const keyword = input.keyword.trim().toLowerCase();
  if (await db.ledgerFamilyRule.findUnique({ where: { keyword } })) throw ledgerError("invalid_state", `A rule for "${keyword}" already exists`, "keyword");
  const last = await db.ledgerFamilyRule.aggregate({ _max: { position: true } });
  return db.ledgerFamilyRule.create({ data: { keyword, family: input.family, position: (last._max.position ?? -1) + 1 }, select: { id: true, keyword: true, family: true } });
}

export async function removeFamilyRule(db: DbOrTx, id: string): Promise<void> {
  const removed = await db.ledgerFamilyRule.deleteMany({ where: { id } });
  if (removed.count === 0) throw ledgerError("not_found", "That rule no longer exists");
}
