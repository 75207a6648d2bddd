/**
 * One ledger run, as the daily job and the console's "Ingest now" do it:
 * read the legacy invoices (read-only), ingest them as drafts, verify what is
 * pending or waiting at its source, and post the verified ones only when an
 * admin has switched auto-post on. Switchboard's own documents and Ascora's
 * post straight away (sources/post-source-documents.ts): they are final where
 * they come from, so there is nothing to verify or review first.
 */
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { ensureLedgerSetup } from "./chart-of-accounts";
import { ingestLegacyInvoices, type IngestSummary } from "./ingest-legacy-invoices";
import { postLegacyInvoices } from "./post-legacy-invoices";
import { readConfiguredLegacyInvoices } from "./read-configured-invoices";
import { postSourceDocuments, type SourceDocumentsSummary } from "./sources/post-source-documents";
import { lagoInvoiceSource } from "./verify/lago-invoice-source";
import { stripeInvoiceSource } from "./verify/stripe-invoice-source";
import { verifyLegacyInvoices, type InvoiceSources, type VerifySummary } from "./verify-legacy-invoices";

/** Stripe and Lago as configured (entry points only: domain code takes sources as a parameter). */
export function configuredInvoiceSources(): InvoiceSources {
  return { stripe: stripeInvoiceSource(stripeFromConfig(appEnv.billing())), lago: lagoInvoiceSource(appEnv.ledger()) };
}

/** Reads and ingests the configured legacy database's invoices as drafts. */
export async function ingestFromConfiguredSource(db: Db): Promise<IngestSummary> {
  return ingestLegacyInvoices(db, await readConfiguredLegacyInvoices(db));
}

/** Posts every verified draft when auto-post is on; otherwise leaves them for review. */
export async function autoPostVerified(db: Db): Promise<number> {
  await ensureLedgerSetup(db);
  const settings = await db.ledgerSettings.findUniqueOrThrow({ where: { id: "ledger" } });
  if (!settings.autoPost) return 0;
  return (await postLegacyInvoices(db)).filter((r) => r.status === "posted").length;
}

export type { IngestSummary, SourceDocumentsSummary, VerifySummary };
export { postSourceDocuments, verifyLegacyInvoices };
