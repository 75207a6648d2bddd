/**
 * Weekly payment summaries per customer (seed 004): total, count, average and
 * last payment date of the past week, written onto the customer's CRM record
 * and as a note. Payments come from billing (BillingPayment through the
 * invoice's customer). Each connection chooses the weekday and hour (UTC);
 * an hourly cron queues the summaries that are due, once per week, with an
 * idempotency key per connection, customer, week and currency.
 */
import Decimal from "decimal.js";
import type { Db } from "@/server/db";
import { enqueueOperation, newCorrelationId } from "../engine/enqueue";
import type { PaymentSummaryPayload } from "../engine/handlers/payment-summary-handler";

const DAY_MS = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

export interface CustomerWeekSummary extends PaymentSummaryPayload {
  customerId: string;
}

/** Summaries of payments made in [start, end) for the given customers, one per customer and currency. */
export async function summarisePayments(db: Db, customerIds: readonly string[], start: Date, end: Date): Promise<CustomerWeekSummary[]> {
  if (customerIds.length === 0) return [];
  const payments = await db.billingPayment.findMany({
    where: {
      createdAt: { gte: start, lt: end },
      status: { in: ["succeeded", "partially_refunded"] },
      invoice: { customerId: { in: [...customerIds] } },
    },
    select: { amount: true, amountRefunded: true, currency: true, createdAt: true, invoice: { select: { customerId: true } } },
  });
  const groups = new Map<string, { customerId: string; currency: string; total: Decimal; count: number; last: Date }>();
  for (const p of payments) {
    const key = `${p.invoice.customerId}:${p.currency}`;
    const g = groups.get(key) ?? { customerId: p.invoice.customerId, currency: p.currency.toUpperCase(), total: new Decimal(0), count: 0, last: p.createdAt };
    g.total = g.total.plus(new Decimal(p.amount.toString()).minus(new Decimal(p.amountRefunded.toString())));
    g.count += 1;
    if (p.createdAt > g.last) g.last = p.createdAt;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    customerId: g.customerId,
    weekStart: ymd(start),
    weekEnd: ymd(new Date(end.getTime() - DAY_MS)),
    currency: g.currency,
    weekTotal: g.total.toFixed(2),
    paymentCount: g.count,
    averagePayment: g.total.dividedBy(g.count).toFixed(2),
    lastPaymentDate: ymd(g.last),
  }));
}

/** Whether a connection's weekly summary is due at `now` (its weekday, at or after its hour, not yet sent today). */
export function isSummaryDue(
  c: { paymentSummaryWeekday: number | null; paymentSummaryHour: number; lastPaymentSummaryAt: Date | null },
  now: Date,
): boolean {
  if (c.paymentSummaryWeekday === null) return false;
  if (now.getUTCDay() !== c.paymentSummaryWeekday || now.getUTCHours() < c.paymentSummaryHour) return false;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return !c.lastPaymentSummaryAt || c.lastPaymentSummaryAt.getTime() < today;
}

/** Queues every due summary; returns the connections to wake. */
export async function enqueueDuePaymentSummaries(db: Db, now: Date = new Date()): Promise<{ connectionIds: string[]; queued: number }> {
  const connections = await db.crmConnection.findMany({
    where: { enabled: true, deletedAt: null, paymentSummaryWeekday: { not: null } },
  });
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const start = new Date(end.getTime() - 7 * DAY_MS);
  const wake: string[] = [];
  let queued = 0;
  for (const c of connections) {
    if (!isSummaryDue(c, now)) continue;
    const links = await db.syncLink.findMany({
      where: { connectionId: c.id, entity: "customer", externalId: { not: null } },
      select: { entityId: true },
    });
    const summaries = await summarisePayments(db, links.map((l) => l.entityId), start, end);
    const correlationId = newCorrelationId();
    await db.$transaction(async (tx) => {
      for (const s of summaries) {
        const { customerId, ...payload } = s;
        const item = await enqueueOperation(
          tx,
          {
            connectionId: c.id,
            entity: "customer",
            entityId: customerId,
            operation: "PAYMENT_SUMMARY",
            payload,
            idempotencyKey: `payment-summary:${c.id}:${customerId}:${payload.weekStart}:${payload.currency}`,
          },
          { correlationId },
        );
        if (item.inserted) queued += 1;
      }
      await tx.crmConnection.update({ where: { id: c.id }, data: { lastPaymentSummaryAt: now } });
    });
    if (summaries.length) wake.push(c.id);
  }
  return { connectionIds: wake, queued };
}
