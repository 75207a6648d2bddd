import { db } from "@/server/db";
import { postSourceDocuments } from "@/server/ledger/run-ledger-sync";
import { inngest } from "../client";
import { billingInvoiceIssued } from "../events";

/**
 * Keeps the ledger current with Switchboard's own billing and Ascora's
 * invoices: an issued invoice posts as soon as billing announces it, and a
 * minute-by-minute pass posts everything else that is new (payments, refunds,
 * credit notes, voids, Ascora pulls), none of which has an event of its own.
 * Posting is idempotent per document, so overlapping runs never double.
 */
export const postBillingToLedger = inngest.createFunction(
  { id: "post-billing-to-ledger", concurrency: { limit: 1 }, triggers: [billingInvoiceIssued, { cron: "* * * * *" }] },
  async ({ step }) => {
    // Documents in other currencies are counted by the daily run; every minute would re-read them all.
    const summary = await step.run("post-source-documents", () => postSourceDocuments(db, { listOtherCurrencies: false }));
    return { posted: summary.posted, failed: summary.failed.length, skipped: summary.skipped.length };
  },
);
