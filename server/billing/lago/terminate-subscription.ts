/**
 * Lago's DELETE /subscriptions/:external_id terminates now: the running
 * period is invoiced with its base prorated by day. We bill in arrears, so
 * there is never an advance to credit back: on_termination_credit_note has
 * nothing to act on. Skipping the final invoice would drop money, so
 * on_termination_invoice=skip is refused.
 */
import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { dispatchBillingEvents, dispatchIssuedInvoices } from "../dispatch";
import { invalidState, refuseField } from "../errors";
import { closeSubscriptionPeriod } from "../rating/close-period";
import { cancelSubscriptionAtPeriodEnd } from "../subscriptions/subscriptions";

export async function terminateLagoSubscription(db: Db, subscriptionId: string, query: URLSearchParams, now: Date = new Date()) {
  const when = query.get("when") ?? "now";
  if (when !== "period_end" && when !== "now") refuseField("when", "when must be now (default) or period_end");
  const invoice = query.get("on_termination_invoice");
  if (invoice !== null && invoice !== "generate") {
    refuseField("on_termination_invoice", "on_termination_invoice=skip is not supported: the days used are always invoiced");
  }
  const creditNote = query.get("on_termination_credit_note");
  if (creditNote !== null && !["credit", "refund", "skip"].includes(creditNote)) {
    refuseField("on_termination_credit_note", "on_termination_credit_note must be credit, refund or skip");
  }
  const sub = await db.billingSubscription.findUniqueOrThrow({ where: { id: subscriptionId }, select: { status: true, startedAt: true } });
  if (sub.status === "terminated") throw invalidState("The subscription is already terminated");
  if (when === "period_end") {
    await cancelSubscriptionAtPeriodEnd(db, subscriptionId, now);
    return { issuedInvoiceIds: [] };
  }
  if (sub.startedAt.getTime() > now.getTime()) {
    // Not started yet: nothing was used, nothing is invoiced.
    await db.billingSubscription.update({ where: { id: subscriptionId }, data: { status: "terminated", terminatedAt: now, pendingPlanId: null } });
    return { issuedInvoiceIds: [] };
  }
  const closed = await closeSubscriptionPeriod(db, subscriptionId, { terminateNow: true, now, dueDays: appEnv.billing().invoiceDueDays });
  await dispatchBillingEvents(closed.eventIds);
  await dispatchIssuedInvoices(closed.chargeableInvoiceIds);
  return closed;
}
