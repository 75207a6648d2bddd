import { z } from "zod";
import { INVOICE_STATUSES } from "@/lib/validators/billing";
import { idSchema, pagingSchema } from "@/lib/validators/common";
import { dispatchBillingEvents, dispatchIssuedInvoices } from "@/server/billing/dispatch";
import { getInvoiceOrThrow, listInvoices, voidInvoice } from "@/server/billing/invoices/invoices";
import { retryInvoicePayment } from "@/server/billing/payments/charge-invoice";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { closeDuePeriods } from "@/server/billing/rating/close-period";
import { rateOpenPeriods } from "@/server/billing/rating/rate-open-periods";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure, toWire } from "./billing-procedure";
import { appEnv } from "@/server/config-readers";

/** Invoices, and the console's "Run rating now" and payment actions. */
export const billingInvoicesRouter = createTRPCRouter({
  list: billingProcedure
    .input(pagingSchema.extend({ status: z.enum(INVOICE_STATUSES).optional(), search: z.string().max(200).optional(), customerId: z.string().optional() }))
    .query(async ({ ctx, input }) => toWire(await listInvoices(ctx.db, input))),
  get: billingProcedure.input(idSchema).query(async ({ ctx, input }) => toWire(await getInvoiceOrThrow(ctx.db, input.id))),
  /** The same rating the cron runs: closes ended periods, then refreshes every running period's draft. */
  runRating: billingProcedure.input(z.object({ subscriptionId: z.string().optional() }).default({})).mutation(async ({ ctx, input }) => {
    const closed = input.subscriptionId ? null : await closeDuePeriods(ctx.db, { dueDays: appEnv.billing().invoiceDueDays });
    const rated = await rateOpenPeriods(ctx.db, { subscriptionId: input.subscriptionId });
    await dispatchBillingEvents([...(closed?.eventIds ?? []), ...rated.eventIds]);
    await dispatchIssuedInvoices(closed?.chargeableInvoiceIds ?? []);
    return { rated: rated.rated, failed: rated.failed, issued: closed?.issuedInvoiceIds.length ?? 0 };
  }),
  retryPayment: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
    const cfg = appEnv.billing();
    const outcome = await retryInvoicePayment(ctx.db, stripeFromConfig(cfg), input.id, { dunningScheduleMs: cfg.dunningScheduleMs });
    await dispatchBillingEvents(outcome.eventIds);
    return { status: outcome.status, ...("reason" in outcome ? { reason: outcome.reason } : {}) };
  }),
  void: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => toWire(await voidInvoice(ctx.db, stripeFromConfig(appEnv.billing()), input.id))),
});
