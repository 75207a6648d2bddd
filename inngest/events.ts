import { eventType } from "inngest";
import { z } from "zod";

// Event names are domain/noun.verb; payloads are validated by these schemas.

/** An outbox message is ready to be sent over SMTP. */
export const emailQueued = eventType("mail/email.queued", {
  schema: z.object({ emailId: z.string().min(1) }),
});

/** A password or magic-link sign-in failed for this login: check for a burst (login audit). */
export const loginFailed = eventType("audit/login.failed", {
  schema: z.object({ login: z.string().max(254) }),
});

/** A connection's CRM sync queue has work: drain it (crm/… events belong to server/crm). */
export const crmSyncRequested = eventType("crm/sync.requested", {
  schema: z.object({ connectionId: z.string().min(1), runId: z.string().optional() }),
});

/** Pull a connection's remote changes now. */
export const crmPullRequested = eventType("crm/pull.requested", {
  schema: z.object({ connectionId: z.string().min(1), runId: z.string().optional() }),
});

/** Import a CRM's invoices and payments (Ascora's Accounting API) into billing now. */
export const externalAccountingImportRequested = eventType("billing/external-accounting.import-requested", {
  schema: z.object({ connectionId: z.string().min(1), runId: z.string().optional() }),
});

/** Billing: re-rate one subscription's running period (or every subscription) now. */
export const billingRatingRequested = eventType("billing/rating.requested", {
  schema: z.object({ subscriptionId: z.string().min(1).optional() }),
});

/** Billing: an invoice was issued with something to collect: charge it. */
export const billingInvoiceIssued = eventType("billing/invoice.issued", {
  schema: z.object({ invoiceId: z.string().min(1) }),
});

/** Billing: an outbound webhook delivery is waiting for its first attempt. */
export const billingWebhookQueued = eventType("billing/webhook.queued", {
  schema: z.object({ deliveryId: z.string().min(1) }),
});

/** Vtiger sent a converted lead's new contact (the lead webhook): create or link its customer. */
export const crmLeadConverted = eventType("crm/lead.converted", {
  schema: z.object({
    connectionId: z.string().min(1).optional(),
    contact: z.object({ id: z.string().min(1), lastname: z.string().min(1) }).catchall(z.string().nullable()),
  }),
});

// ── Field jobs (server/field-jobs/) ──

// Creates, notes and attachments go through the CRM sync queue (crm/sync.requested).

/** A verified Ascora webhook event was stored: apply it. */
export const fieldJobWebhookReceived = eventType("field-jobs/webhook.received", {
  schema: z.object({ eventId: z.string().min(1) }),
});

/** Legacy billing: run (or resume) a shadow import run from its checkpoint, as the worker holding `leaseId`. */
export const legacyImportRequested = eventType("legacy-billing/import.requested", {
  schema: z.object({ runId: z.string().min(1), leaseId: z.string().min(1) }),
});

/** Legacy billing: run (or resume) a dual-run reconciliation run from its checkpoint, as the worker holding `leaseId`. */
export const legacyReconciliationRequested = eventType("legacy-billing/reconciliation.requested", {
  schema: z.object({ runId: z.string().min(1), leaseId: z.string().min(1) }),
});
