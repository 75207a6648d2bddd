import { db } from "@/server/db";
import { autoPostVerified, configuredInvoiceSources, ingestFromConfiguredSource, postSourceDocuments, verifyLegacyInvoices } from "@/server/ledger/run-ledger-sync";
import { inngest } from "../client";

/**
 * Daily at 06:00 UTC: new legacy invoices become drafts, everything pending
 * or waiting is verified at Stripe / Lago, and verified drafts are posted only
 * once an admin has switched auto-post on; Switchboard's and Ascora's documents
 * that the minute-by-minute pass missed post too. Re-running is harmless: ingest
 * is idempotent on the legacy id and posting is conditional on the draft state.
 */
export const syncInvoiceLedger = inngest.createFunction(
  { id: "sync-invoice-ledger", concurrency: { limit: 1 }, triggers: [{ cron: "0 6 * * *" }] },
  async ({ step }) => {
    // First: a legacy database that is not configured (or down) must not hold back Switchboard's own documents.
    const own = await step.run("post-source-documents", () => postSourceDocuments(db));
    const ingested = await step.run("ingest-legacy-invoices", () => ingestFromConfiguredSource(db));
    const verified = await step.run("verify-at-source", () => verifyLegacyInvoices(db, configuredInvoiceSources()));
    const posted = await step.run("auto-post-verified", () => autoPostVerified(db));
    return { ingested: ingested.counts, verified, posted, sources: { posted: own.posted, failed: own.failed.length, otherCurrency: own.otherCurrency } };
  },
);

/**
 * Hourly: invoices left waiting (processor down, unknown id) are asked again,
 * so a Stripe outage delays posting by an hour rather than a day.
 */
export const retryLedgerVerification = inngest.createFunction(
  { id: "retry-ledger-verification", concurrency: { limit: 1 }, triggers: [{ cron: "30 * * * *" }] },
  async ({ step }) => {
    const verified = await step.run("verify-waiting", () => verifyLegacyInvoices(db, configuredInvoiceSources()));
    const posted = await step.run("auto-post-verified", () => autoPostVerified(db));
    return { verified, posted };
  },
);
