/**
 * Period close: the draft becomes an issued invoice (numbered, taxed, with the
 * customer's details frozen), the subscription moves to its next period with
 * any pending plan change, or terminates when it was cancelled. A period with
 * nothing to charge still gets its $0 invoice, for the audit trail.
 */
import { appEnv } from "@/server/config-readers";
import type { Db, DbOrTx } from "@/server/db";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { enqueueInvoiceEmail, type DocumentLinkConfig } from "../documents/document-emails";
import type { Prisma } from "@/server/generated/prisma/client";
import { invoiceJson, subscriptionJson } from "../invoices/invoice-json";
import { nextDocumentNumber } from "../invoices/next-number";
import { lagoInvoiceWebhook } from "../lago/service-invoice";
import { periodEndFrom, type BillingPeriod } from "../subscriptions/billing-period";
import { emitBillingEvent } from "../webhooks/emit-event";
import { dec } from "../wire";
import { lockSubscription, RATING_INCLUDE, refreshDraftInvoice } from "./refresh-draft-invoice";
import { isolateRating } from "./rating-failures";

export interface CloseOptions {
  now?: Date;
  /** Days from issue to due date. */
  dueDays?: number;
  /** Terminate the subscription now: its current period ends now and is invoiced. */
  terminateNow?: boolean;
  /**
   * Upgrade now: the running period ends now and is invoiced on the old plan
   * (base prorated by day); the rest of it runs on this plan.
   */
  changePlanTo?: string;
  /** Base URL and secret of the PDF link in the invoice e-mail (default: from the environment). */
  documentLinks?: DocumentLinkConfig;
}

export interface CloseResult {
  /** Issued invoices that have something to collect (to charge after commit). */
  chargeableInvoiceIds: string[];
  issuedInvoiceIds: string[];
  eventIds: string[];
  /** Invoice e-mails queued in the outbox (sent after commit). */
  emailIds: string[];
}

const DAY_MS = 86_400_000;
const EMPTY: CloseResult = { chargeableInvoiceIds: [], issuedInvoiceIds: [], eventIds: [], emailIds: [] };

function linksFromEnv(): DocumentLinkConfig {
  const cfg = appEnv.billing();
  return { appUrl: cfg.appUrl, secret: cfg.documentSecret };
}

/** Issues a draft invoice inside the caller's transaction; returns the events to dispatch. */
export async function issueDraftInvoice(
  tx: DbOrTx,
  invoiceId: string,
  serviceId: string | null,
  opts: { now: Date; dueDays: number; documentLinks?: DocumentLinkConfig },
): Promise<{ chargeable: boolean; eventIds: string[]; emailId: string | null }> {
  const invoice = await tx.billingInvoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
  if (invoice.status !== "draft") return { chargeable: false, eventIds: [], emailId: null };
  const number = await nextDocumentNumber(tx, "invoice");
  const nothingToCollect = dec(invoice.total).lessThanOrEqualTo(0);
  const c = invoice.customer;
  const billTo = {
    name: c.name,
    email: c.email,
    addressLine1: c.addressLine1,
    addressLine2: c.addressLine2,
    city: c.city,
    region: c.region,
    postalCode: c.postalCode,
    country: c.country,
    taxId: c.taxId,
  } satisfies Prisma.InputJsonObject;
  const issued = await tx.billingInvoice.update({
    where: { id: invoiceId },
    data: {
      number,
      status: nothingToCollect ? "paid" : "open",
      issuedAt: opts.now,
      dueAt: new Date(opts.now.getTime() + opts.dueDays * DAY_MS),
      paidAt: nothingToCollect ? opts.now : null,
      nextPaymentAttemptAt: nothingToCollect ? null : opts.now,
      billTo,
    },
    include: { lines: true, subscription: { select: { externalId: true } } },
  });
  const eventIds: string[] = [];
  if (serviceId) {
    const id = await emitBillingEvent(tx, {
      type: "invoice.created",
      serviceId,
      now: opts.now,
      data: { invoice: invoiceJson(issued) },
      lago: lagoInvoiceWebhook(tx, serviceId, invoiceId, "invoice.created"),
    });
    if (id) eventIds.push(id);
  }
  const emailId = await enqueueInvoiceEmail(tx, invoiceId, opts.documentLinks ?? linksFromEnv(), opts.now);
  return { chargeable: !nothingToCollect, eventIds, emailId };
}

/**
 * Closes the subscription's current period when it has ended (or at once with
 * terminateNow). Returns what was issued; does nothing for a period that is
 * still running or a terminated subscription.
 */
export async function closeSubscriptionPeriod(db: Db, subscriptionId: string, opts: CloseOptions = {}): Promise<CloseResult> {
  const now = opts.now ?? new Date();
  const dueDays = opts.dueDays ?? 7;
  const result = await db.$transaction(
    async (tx) => {
      await lockSubscription(tx, subscriptionId);
      const sub = await tx.billingSubscription.findUnique({ where: { id: subscriptionId }, include: RATING_INCLUDE });
      // Shadow subscriptions (legacy dual-run) are never invoiced, charged, e-mailed or sent webhooks.
      if (!sub || sub.status === "terminated" || sub.shadow) return EMPTY;
      const cutNow = opts.terminateNow || opts.changePlanTo !== undefined;
      if (!cutNow && sub.currentPeriodEnd.getTime() > now.getTime()) return EMPTY;

      const end = cutNow && sub.currentPeriodEnd.getTime() > now.getTime() ? now : sub.currentPeriodEnd;
      const period: BillingPeriod = { start: sub.currentPeriodStart, end };
      const draft = await refreshDraftInvoice(tx, sub, period, now);
      const issued = await issueDraftInvoice(tx, draft.invoiceId, sub.serviceId, { now, dueDays, documentLinks: opts.documentLinks });
      const eventIds = [...draft.eventIds, ...issued.eventIds];

      if (opts.terminateNow || sub.status === "cancelled") {
        const terminated = await tx.billingSubscription.update({
          where: { id: sub.id },
          data: { status: "terminated", terminatedAt: end, currentPeriodEnd: end, pendingPlanId: null },
          include: { plan: { select: { code: true } } },
        });
        const id = await emitBillingEvent(tx, {
          type: "subscription.terminated",
          serviceId: sub.serviceId,
          now,
          data: { subscription: subscriptionJson(terminated) },
        });
        if (id) eventIds.push(id);
      } else if (opts.changePlanTo !== undefined && end.getTime() < sub.currentPeriodEnd.getTime()) {
        await tx.billingSubscription.update({
          where: { id: sub.id },
          data: { planId: opts.changePlanTo, pendingPlanId: null, currentPeriodStart: end },
        });
      } else {
        const nextPlan = opts.changePlanTo ? { id: opts.changePlanTo, interval: sub.plan.interval } : (sub.pendingPlan ?? sub.plan);
        await tx.billingSubscription.update({
          where: { id: sub.id },
          data: {
            planId: nextPlan.id,
            pendingPlanId: null,
            currentPeriodStart: end,
            currentPeriodEnd: periodEndFrom(end, nextPlan.interval, sub.startedAt.getUTCDate()),
          },
        });
      }
      return {
        chargeableInvoiceIds: issued.chargeable ? [draft.invoiceId] : [],
        issuedInvoiceIds: [draft.invoiceId],
        eventIds,
        emailIds: issued.emailId ? [issued.emailId] : [],
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  await dispatchOutboxEmails(result.emailIds);
  return result;
}

/**
 * The period-close run: every subscription whose period has ended, caught up
 * period by period when the job was down (each period gets its own invoice).
 */
export async function closeDuePeriods(db: Db, opts: { now?: Date; dueDays?: number; limit?: number } = {}): Promise<CloseResult> {
  const now = opts.now ?? new Date();
  const due = await db.billingSubscription.findMany({
    where: { status: { in: ["active", "past_due", "paused", "cancelled"] }, currentPeriodEnd: { lte: now }, shadow: false },
    select: { id: true },
    orderBy: { currentPeriodEnd: "asc" },
    take: opts.limit ?? 500,
  });
  const total: CloseResult = { chargeableInvoiceIds: [], issuedInvoiceIds: [], eventIds: [], emailIds: [] };
  for (const { id } of due) {
    // One subscription that cannot be closed is recorded and skipped; the others still close.
    await isolateRating(db, id, "close", async () => {
      // Catch up at most a year of monthly periods per run; the next run continues.
      for (let i = 0; i < 12; i++) {
        const r = await closeSubscriptionPeriod(db, id, { now, dueDays: opts.dueDays });
        total.chargeableInvoiceIds.push(...r.chargeableInvoiceIds);
        total.issuedInvoiceIds.push(...r.issuedInvoiceIds);
        total.eventIds.push(...r.eventIds);
        total.emailIds.push(...r.emailIds);
        if (r.issuedInvoiceIds.length === 0) break;
      }
    });
  }
  return total;
}
