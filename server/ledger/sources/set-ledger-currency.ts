/**
 * The ledger's one currency (LedgerSettings.currency). Accounts are not per
 * currency, so once entries in one currency are posted, switching would mix
 * two currencies in every balance: that is refused, naming what is there.
 */
import type { DbOrTx } from "@/server/db";
import { ensureLedgerSetup } from "../chart-of-accounts";
import { ledgerError } from "../ledger-errors";

export async function setLedgerCurrency(db: DbOrTx, input: string): Promise<string> {
  const currency = input.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw ledgerError("invalid_input", "Currency must be a three-letter ISO 4217 code such as CAD", "currency");
  await ensureLedgerSetup(db);
  const other = await db.ledgerEntry.findFirst({ where: { state: "posted", currency: { not: currency } }, select: { currency: true } });
  if (other) {
    throw ledgerError("invalid_state", `The ledger already holds posted ${other.currency} entries; its currency cannot change to ${currency}`, "currency");
  }
  await db.ledgerSettings.update({ where: { id: "ledger" }, data: { currency } });
  return currency;
}
