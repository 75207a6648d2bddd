/**
 * One pass over every source of the ledger besides the legacy database:
 * Switchboard's own invoices, payments, refunds, credit notes and voids, and
 * Ascora's invoices and payments. Idempotent (each document has its unique
 * source key), so the minute-by-minute run, the daily run and a retry can
 * overlap freely. Sales go first so that what reverses them finds them posted.
 *
 * Entries are single-currency and accounts are not per currency, so only
 * documents in the ledger's currency (LedgerSettings.currency) post; the rest
 * are counted and listed as skipped with the reason, never mixed in.
 */
import type { Db } from "@/server/db";
import { ensureLedgerSetup } from "../chart-of-accounts";
import { postAscoraInvoices, postAscoraPayments } from "./ascora-documents";
import { emptySourceSummary, SOURCE_KINDS, type SourceRun, type SourceSummary } from "./post-source-entry";
import { loadFamilyRules } from "./split-income";
import { postSwitchboardCreditNotes } from "./switchboard-credit-notes";
import { postSwitchboardInvoices, postSwitchboardVoids } from "./switchboard-invoices";
import { postSwitchboardPayments, postSwitchboardRefunds } from "./switchboard-payments";

export interface SourceDocumentsSummary extends SourceSummary {
  currency: string;
  /** Documents in another currency than the ledger's, in total (a sample is in `skipped`); 0 when not listed. */
  otherCurrency: number;
}

const OTHER_CURRENCY_SAMPLE = 20;

/** Posts what is new in every source (at most `limit` documents per kind; the next run takes the rest). */
export async function postSourceDocuments(db: Db, opts: { now?: Date; limit?: number; listOtherCurrencies?: boolean } = {}): Promise<SourceDocumentsSummary> {
  await ensureLedgerSetup(db);
  const settings = await db.ledgerSettings.findUniqueOrThrow({ where: { id: "ledger" }, select: { currency: true } });
  const run: SourceRun = {
    db,
    currency: settings.currency.toUpperCase(),
    rules: await loadFamilyRules(db),
    now: opts.now ?? new Date(),
    limit: opts.limit ?? 500,
    summary: emptySourceSummary(),
  };
  for (const step of [postSwitchboardInvoices, postAscoraInvoices, postSwitchboardPayments, postAscoraPayments, postSwitchboardCreditNotes, postSwitchboardRefunds, postSwitchboardVoids]) {
    await step(run);
  }
  // Counting them reads every document: the daily run does, the minute-by-minute one need not.
  const other = opts.listOtherCurrencies === false ? { count: 0, sample: [] } : await otherCurrencyDocuments(db, run.currency);
  run.summary.skipped.push(...other.sample);
  return { ...run.summary, currency: run.currency, otherCurrency: other.count };
}

async function otherCurrencyDocuments(db: Db, currency: string): Promise<{ count: number; sample: SourceSummary["skipped"] }> {
  const rows = await db.$queryRaw<{ kind: string; id: string; currency: string; total: bigint }[]>`
    WITH other AS (
      SELECT ${SOURCE_KINDS.invoice} AS kind, i."id" AS id, upper(i."currency") AS currency FROM "BillingInvoice" i
       WHERE i."issuedAt" IS NOT NULL AND i."status" <> 'draft' AND upper(i."currency") <> ${currency}
      UNION ALL
      SELECT ${SOURCE_KINDS.ascoraInvoice}, x."connectionId" || ':' || x."remoteId", upper(x."currency") FROM "ExternalInvoice" x
       WHERE upper(x."currency") <> ${currency}
    )
    SELECT kind, id, currency, count(*) OVER () AS total FROM other ORDER BY kind, id LIMIT ${OTHER_CURRENCY_SAMPLE}`;
  return {
    count: Number(rows[0]?.total ?? 0),
    sample: rows.map((r) => ({
      kind: r.kind as SourceSummary["skipped"][number]["kind"],
      id: r.id,
      reason: `In ${r.currency}; the ledger is kept in ${currency} (its payments and credit notes are left out too)`,
    })),
  };
}
