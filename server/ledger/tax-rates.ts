/**
 * The tax rates an invoice's tax ÷ subtotal is mapped to. Names and percents
 * are unique (retired rates included: restore one rather than re-adding it).
 * A rate posted entries were booked at cannot be deleted or change its
 * percent, since the posted books say that rate: it is retired instead, and
 * retired rates are no longer derived to on the next ingest.
 */
import { Decimal } from "decimal.js";
import type { DbOrTx } from "@/server/db";
import type { TaxRateInput } from "@/lib/validators/ledger";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { LEGACY_INVOICE_SOURCE } from "./ingest-legacy-invoices";
import { ledgerError } from "./ledger-errors";

export interface TaxRateRow {
  id: string;
  name: string;
  percent: string;
  retiredAt: Date | null;
  /** Posted legacy invoices booked at this rate. */
  postedUses: number;
}

/** Posted legacy invoices whose tax was mapped to `percent`. */
async function postedUsesOf(db: DbOrTx, percent: Decimal.Value): Promise<number> {
  const invoices = await db.ledgerSourceInvoice.findMany({ where: { taxRatePercent: new Decimal(percent).toFixed(4), entryId: { not: null } }, select: { entryId: true } });
  if (invoices.length === 0) return 0;
  return db.ledgerEntry.count({ where: { id: { in: invoices.map((i) => i.entryId!) }, sourceKind: LEGACY_INVOICE_SOURCE, state: "posted" } });
}

export async function listTaxRates(db: DbOrTx): Promise<TaxRateRow[]> {
  await ensureLedgerSetup(db);
  const rates = await db.ledgerTaxRate.findMany({ orderBy: [{ retiredAt: { sort: "asc", nulls: "first" } }, { percent: "desc" }] });
  return Promise.all(rates.map(async (r) => ({ id: r.id, name: r.name, percent: new Decimal(r.percent.toString()).toString(), retiredAt: r.retiredAt, postedUses: await postedUsesOf(db, r.percent.toString()) })));
}

async function assertUnique(db: DbOrTx, input: TaxRateInput, exceptId: string | null): Promise<void> {
  const percent = new Decimal(input.percent).toFixed(4);
  const clash = await db.ledgerTaxRate.findMany({ where: { OR: [{ name: { equals: input.name, mode: "insensitive" } }, { percent }], ...(exceptId ? { id: { not: exceptId } } : {}) } });
  for (const other of clash) {
    const retired = other.retiredAt ? " (retired: restore it instead)" : "";
    if (other.name.toLowerCase() === input.name.toLowerCase()) throw ledgerError("invalid_state", `A rate named "${other.name}" already exists${retired}`, "name");
    throw ledgerError("invalid_state", `"${other.name}" already has ${new Decimal(other.percent.toString()).toString()}%${retired}`, "percent");
  }
}

/** A save that lost a race to the same name or percent says so the way assertUnique does, not with the database's text. */
async function onRace<T>(db: DbOrTx, input: TaxRateInput, exceptId: string | null, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") await assertUnique(db, input, exceptId);
    throw error;
  }
}

export async function addTaxRate(db: DbOrTx, input: TaxRateInput): Promise<{ id: string }> {
  await ensureLedgerSetup(db);
  await assertUnique(db, input, null);
  return onRace(db, input, null, () => db.ledgerTaxRate.create({ data: { name: input.name, percent: new Decimal(input.percent).toFixed(4) }, select: { id: true } }));
}

async function getTaxRateOrThrow(db: DbOrTx, id: string) {
  const rate = await db.ledgerTaxRate.findUnique({ where: { id } });
  if (!rate) throw ledgerError("not_found", "That tax rate no longer exists");
  return rate;
}

export async function updateTaxRate(db: DbOrTx, id: string, input: TaxRateInput): Promise<void> {
  const rate = await getTaxRateOrThrow(db, id);
  await assertUnique(db, input, id);
  if (!new Decimal(rate.percent.toString()).equals(input.percent)) {
    const uses = await postedUsesOf(db, rate.percent.toString());
    if (uses > 0) throw ledgerError("invalid_state", `${uses} posted invoice(s) were booked at ${new Decimal(rate.percent.toString()).toString()}%: retire this rate and add a new one instead`, "percent");
  }
  await onRace(db, input, id, () => db.ledgerTaxRate.update({ where: { id }, data: { name: input.name, percent: new Decimal(input.percent).toFixed(4) } }));
}

/** Retires (or, with `retired: false`, restores) a rate. */
export async function setTaxRateRetired(db: DbOrTx, id: string, retired: boolean, now = new Date()): Promise<void> {
  await getTaxRateOrThrow(db, id);
  await db.ledgerTaxRate.update({ where: { id }, data: { retiredAt: retired ? now : null } });
}

export async function deleteTaxRate(db: DbOrTx, id: string): Promise<void> {
  const rate = await getTaxRateOrThrow(db, id);
  const uses = await postedUsesOf(db, rate.percent.toString());
  if (uses > 0) throw ledgerError("invalid_state", `${uses} posted invoice(s) were booked at this rate: retire it instead of deleting it`);
  await db.ledgerTaxRate.delete({ where: { id } });
}
