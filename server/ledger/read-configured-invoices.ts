/**
 * Reads the invoices of the legacy database saved on the billing migration
 * page (read-only), for the console's ingest and dry run.
 */
import type { Db } from "@/server/db";
import { openConfiguredLegacySource } from "@/server/legacy-billing/import/legacy-settings";
import { LegacySourceError } from "@/server/legacy-billing/source/legacy-source-error";
import type { LegacyInvoice } from "./legacy-invoice";
import { ledgerError } from "./ledger-errors";
import { readLegacyInvoices } from "./read-legacy-invoices";

export async function readConfiguredLegacyInvoices(db: Db): Promise<LegacyInvoice[]> {
  let source;
  try {
    source = await openConfiguredLegacySource(db);
  } catch (error) {
    // Its messages name the problem (no URL saved, unreachable, missing table) without credentials.
    if (error instanceof LegacySourceError) throw ledgerError("not_configured", error.message);
    throw error;
  }
  try {
    return await readLegacyInvoices(source);
  } finally {
    await source.close();
  }
}
