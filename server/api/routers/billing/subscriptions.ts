import { z } from "zod";
import { SUBSCRIPTION_STATUSES, subscriptionCreateSchema } from "@/lib/validators/billing";
import { idSchema, pagingSchema } from "@/lib/validators/common";
import { dispatchBillingEvents, dispatchIssuedInvoices } from "@/server/billing/dispatch";
import { closeSubscriptionPeriod } from "@/server/billing/rating/close-period";
import {
  cancelSubscriptionAtPeriodEnd,
  changeSubscriptionPlan,
  createSubscription,
  assertLiveSubscription,
  listSubscriptions,
  setSubscriptionPaused,
} from "@/server/billing/subscriptions/subscriptions";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure, toWire } from "./billing-procedure";
import { appEnv } from "@/server/config-readers";

/** Subscriptions: create, change plan, cancel, terminate, pause. */
export const billingSubscriptionsRouter = createTRPCRouter({
  list: billingProcedure
    .input(pagingSchema.extend({ status: z.enum(SUBSCRIPTION_STATUSES).optional(), kind: z.enum(["live", "shadow"]).optional(), search: z.string().max(200).optional(), customerId: z.string().optional() }))
    .query(async ({ ctx, input }) => toWire(await listSubscriptions(ctx.db, input))),
  create: billingProcedure.input(subscriptionCreateSchema).mutation(async ({ ctx, input }) => toWire(await createSubscription(ctx.db, input))),
  changePlan: billingProcedure
    .input(z.object({ id: z.string().min(1), planId: z.string().min(1), effective: z.enum(["next_period", "immediately"]).default("next_period") }))
    .mutation(async ({ ctx, input }) => toWire(await changeSubscriptionPlan(ctx.db, input.id, input))),
  cancel: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => toWire(await cancelSubscriptionAtPeriodEnd(ctx.db, input.id))),
  /** Ends the subscription now: the running period is invoiced at once (no proration). */
  terminate: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
    await assertLiveSubscription(ctx.db, input.id);
    const closed = await closeSubscriptionPeriod(ctx.db, input.id, { terminateNow: true, dueDays: appEnv.billing().invoiceDueDays });
    await dispatchBillingEvents(closed.eventIds);
    await dispatchIssuedInvoices(closed.chargeableInvoiceIds);
    return { invoiceIds: closed.issuedInvoiceIds };
  }),
  setPaused: billingProcedure
    .input(z.object({ id: z.string().min(1), paused: z.boolean() }))
    .mutation(async ({ ctx, input }) => toWire(await setSubscriptionPaused(ctx.db, input.id, input.paused))),
});
