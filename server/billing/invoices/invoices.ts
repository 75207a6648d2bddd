/** Invoice reads for the console and the API, and voiding. */
import type Stripe from "stripe";
import type { InvoiceStatus } from "@/lib/validators/billing";
import type { Db, DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { logger } from "@/server/logger";
import { invalidState, notFound } from "../errors";
import { lockInvoice } from "../payments/payment-outcome";
import { dec } from "../wire";

export interface InvoiceFilter {
  status?: InvoiceStatus;
  customerId?: string;
  /** Limits to one service's subscriptions (the REST API). */
  serviceId?: string;
  search?: string;
  page: number;
  pageSize: number;
}

function whereFor(filter: InvoiceFilter): Prisma.BillingInvoiceWhereInput {
  const search = filter.search?.trim();
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.customerId ? { customerId: filter.customerId } : {}),
    ...(filter.serviceId ? { subscription: { serviceId: filter.serviceId } } : {}),
    ...(search
      ? {
          OR: [
            { number: { contains: search, mode: "insensitive" } },
            { customer: { name: { contains: search, mode: "insensitive" } } },
            { subscription: { externalId: { contains: search, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
}

export async function listInvoices(db: DbOrTx, filter: InvoiceFilter) {
  const where = whereFor(filter);
  const [rows, total] = await Promise.all([
    db.billingInvoice.findMany({
      where,
      orderBy: [{ issuedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      include: {
        customer: { select: { id: true, name: true } },
        subscription: { select: { externalId: true, plan: { select: { code: true } } } },
      },
    }),
    db.billingInvoice.count({ where }),
  ]);
  return { rows, total, page: filter.page, pageSize: filter.pageSize };
}

/** An invoice with lines, payments and credit notes; `serviceId` limits it to one service's subscriptions. */
export async function getInvoiceOrThrow(db: DbOrTx, id: string, scope: { serviceId?: string } = {}) {
  const invoice = await db.billingInvoice.findFirst({
    where: { id, ...(scope.serviceId ? { subscription: { serviceId: scope.serviceId } } : {}) },
    include: {
      lines: { orderBy: { position: "asc" } },
      payments: { orderBy: { attempt: "asc" } },
      creditNotes: { orderBy: { createdAt: "asc" } },
      customer: true,
      subscription: { include: { plan: { select: { code: true, name: true } }, service: { select: { code: true, name: true } } } },
    },
  });
  if (!invoice) throw notFound("Invoice", id);
  return invoice;
}

/**
 * Voids an issued invoice nothing was paid on (a paid one is reversed with a
 * credit note instead). Its PaymentIntent is cancelled so no retry can charge it.
 */
export async function voidInvoice(db: Db, stripe: Stripe | null, id: string, now: Date = new Date()) {
  const invoice = await db.$transaction(async (tx) => {
    await lockInvoice(tx, id);
    const current = await tx.billingInvoice.findUnique({ where: { id } });
    if (!current) throw notFound("Invoice", id);
    if (current.status !== "open" && current.status !== "uncollectible") {
      throw invalidState(`A ${current.status} invoice cannot be voided${current.status === "paid" ? "; issue a credit note instead" : ""}`);
    }
    if (dec(current.amountPaid).greaterThan(0)) throw invalidState("Part of this invoice was paid; issue a credit note instead");
    const inFlight = await tx.billingPayment.count({ where: { invoiceId: id, status: "processing" } });
    if (inFlight > 0) throw invalidState("A payment attempt is in progress; try again in a minute");
    return tx.billingInvoice.update({ where: { id }, data: { status: "void", voidedAt: now, nextPaymentAttemptAt: null } });
  });
  if (stripe && invoice.stripePaymentIntentId) {
    await stripe.paymentIntents.cancel(invoice.stripePaymentIntentId).catch((error: unknown) => {
      logger.warn("billing.cancel_intent_failed", { invoiceId: id, error: error instanceof Error ? error.message : String(error) });
    });
  }
  return invoice;
}
