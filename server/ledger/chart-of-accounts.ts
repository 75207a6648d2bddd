/**
 * The ledger's fixed skeleton: the chart of accounts, the journals, and the
 * default family rules and tax rates an admin starts from. Written by code
 * (idempotent upserts) rather than migration inserts, so a reset database or a
 * fresh test database gets it on first use.
 */
import type { DbOrTx } from "@/server/db";
import type { LedgerFamily } from "@/server/generated/prisma/client";

export { FAMILY_LABEL, LEDGER_FAMILIES } from "@/lib/ledger/families";

export type AccountKey = "receivables" | "clearing" | "bank" | "tax" | `income:${LedgerFamily}`;

const ACCOUNTS: { key: AccountKey; code: string; name: string; type: "asset" | "liability" | "income" }[] = [
  { key: "bank", code: "1000", name: "Bank", type: "asset" },
  { key: "clearing", code: "1050", name: "Payment processor clearing", type: "asset" },
  { key: "receivables", code: "1100", name: "Accounts receivable", type: "asset" },
  { key: "tax", code: "2200", name: "Sales tax payable", type: "liability" },
  { key: "income:hosting", code: "4100", name: "Income – Hosting", type: "income" },
  { key: "income:managed", code: "4200", name: "Income – Managed plans", type: "income" },
  { key: "income:addons", code: "4300", name: "Income – Add-ons", type: "income" },
  { key: "income:other", code: "4900", name: "Income – Other", type: "income" },
];

export type JournalCode = "SALES" | "PROC" | "CREDIT" | "BANK";

const JOURNALS: { code: JournalCode; name: string }[] = [
  { code: "SALES", name: "Customer invoices" },
  { code: "PROC", name: "Processor payments" },
  { code: "CREDIT", name: "Credit notes" },
  // Payments recorded in a CRM (Ascora): money that reached the bank without passing through the processor.
  { code: "BANK", name: "Bank receipts" },
];

/** The seed's service families (hosting, managed plans, add-ons); an admin edits them on the rules page. */
export const DEFAULT_FAMILY_RULES: { keyword: string; family: LedgerFamily }[] = [
  { keyword: "hosting", family: "hosting" },
  { keyword: "managed", family: "managed" },
  { keyword: "daily backup", family: "addons" },
  { keyword: "whatsapp", family: "addons" },
  { keyword: "forms builder", family: "addons" },
  { keyword: "white label", family: "addons" },
  { keyword: "add-on", family: "addons" },
];

const DEFAULT_TAX_RATES = [
  { name: "HST 13%", percent: "13" },
  { name: "No tax", percent: "0" },
];

/** Creates whatever of the skeleton is missing; never overwrites an admin's edits. */
export async function ensureLedgerSetup(db: DbOrTx): Promise<void> {
  if ((await db.ledgerAccount.count()) < ACCOUNTS.length) {
    for (const a of ACCOUNTS) await db.ledgerAccount.upsert({ where: { key: a.key }, update: {}, create: a });
  }
  if ((await db.ledgerJournal.count()) < JOURNALS.length) {
    for (const j of JOURNALS) await db.ledgerJournal.upsert({ where: { code: j.code }, update: {}, create: j });
  }
  await db.ledgerSettings.upsert({ where: { id: "ledger" }, update: {}, create: { id: "ledger" } });
  // Defaults only on a first run: an admin who deleted every rule meant it.
  const settings = await db.ledgerSettings.findUniqueOrThrow({ where: { id: "ledger" } });
  if (settings.lastIngestAt === null && (await db.ledgerFamilyRule.count()) === 0) {
    await db.ledgerFamilyRule.createMany({ data: DEFAULT_FAMILY_RULES.map((r, i) => ({ ...r, position: i })), skipDuplicates: true });
  }
  if ((await db.ledgerTaxRate.count()) === 0) await db.ledgerTaxRate.createMany({ data: DEFAULT_TAX_RATES, skipDuplicates: true });
}

/** Account ids by key (after ensureLedgerSetup). */
export async function accountIds(db: DbOrTx): Promise<Record<AccountKey, string>> {
  const rows = await db.ledgerAccount.findMany({ select: { key: true, id: true } });
  return Object.fromEntries(rows.map((r) => [r.key, r.id])) as Record<AccountKey, string>;
}

export async function journalId(db: DbOrTx, code: JournalCode): Promise<string> {
  return (await db.ledgerJournal.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}
