import { chargeBillingInvoice } from "./charge-billing-invoice";
import { checkLoginBursts } from "./check-login-bursts";
import { checkSlaBreaches } from "./check-sla-breaches";
import { collectBillingPayments } from "./collect-billing-payments";
import { deliverBillingWebhook } from "./deliver-billing-webhook";
import { deliverEmail } from "./deliver-email";
import { drainBillingWebhooks } from "./drain-billing-webhooks";
import { drainCrmQueue } from "./drain-crm-queue";
import { drainOutbox } from "./drain-outbox";
import { enrichLoginGeo } from "./enrich-login-geo";
import { importExternalAccounting } from "./import-external-accounting";
import { expireHourCardsHourly } from "./expire-hour-cards";
import { importVtigerLead } from "./import-vtiger-lead";
import { processCrmQueue } from "./process-crm-queue";
import { processFieldJobWebhookFn } from "./process-field-job-webhook";
import { pullFieldJobStatusesFn } from "./pull-field-job-statuses";
import { postBillingToLedger } from "./post-billing-to-ledger";
import { pullCrmChanges } from "./pull-crm-changes";
import { purgeCrmHistoryDaily } from "./purge-crm-history";
import { purgeLoginEvents } from "./purge-login-events";
import { purgeRateLimits } from "./purge-rate-limits";
import { rateBillingUsage } from "./rate-billing-usage";
import { runLegacyImport } from "./run-legacy-import";
import { runLegacyReconciliation } from "./run-legacy-reconciliation";
import { reconcileBillingCheckoutSessions } from "./reconcile-checkout-sessions";
import { scheduleCrmPulls } from "./schedule-crm-pulls";
import { sendApprovalReminders } from "./send-approval-reminders";
import { sendCrmPaymentSummaries } from "./send-crm-payment-summaries";
import { retryLedgerVerification, syncInvoiceLedger } from "./sync-invoice-ledger";

/** Every Inngest function Switchboard serves at /api/inngest. */
export const functions = [deliverEmail, drainOutbox, enrichLoginGeo, checkLoginBursts, purgeLoginEvents, checkSlaBreaches, sendApprovalReminders,
  rateBillingUsage, chargeBillingInvoice, collectBillingPayments, deliverBillingWebhook, drainBillingWebhooks,
  processCrmQueue, drainCrmQueue, scheduleCrmPulls, pullCrmChanges, sendCrmPaymentSummaries, purgeCrmHistoryDaily,
  purgeRateLimits, reconcileBillingCheckoutSessions, importVtigerLead, importExternalAccounting,
  processFieldJobWebhookFn, pullFieldJobStatusesFn,
  runLegacyImport, runLegacyReconciliation, syncInvoiceLedger, retryLedgerVerification, expireHourCardsHourly, postBillingToLedger];
