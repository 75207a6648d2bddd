/** Payment attempts and credit notes for the console lists. */
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

export async function listPayments(
  db: DbOrTx,
  opts: { status?: "processing" | "succeeded" | "failed" | "refunded" | "partially_refunded"; search?: string; page: number; pageSize: number },
) {
  const search = opts.search?.trim();
  const where: Prisma.BillingPaymentWhereInput = {
    ...(opts.status ? { status: opts.status } : {}),
    ...(search
      ? {
          OR: [
            { invoice: { number: { contains: search, mode: "insensitive" } } },
            { invoice: { customer: { name: { contains: search, mode: "insensitive" } } } },
            { stripePaymentIntentId: { contains: search } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.billingPayment.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { invoice: { select: { id: true, number: true, customer: { select: { name: true } } } } },
    }),
    db.billingPayment.count({ where }),
  ]);
  return { rows, total, page: opts.page, pageSize: opts.pageSize };
}

export async function listCreditNotes(db: DbOrTx, opts: { search?: string; page: number; pageSize: number }) {
  const search = opts.search?.trim();
  const where: Prisma.BillingCreditNoteWhereInput = search
    ? {
        OR: [
          { number: { contains: search, mode: "insensitive" } },
          { reason: { contains: search, mode: "insensitive" } },
          { invoice: { number: { contains: search, mode: "insensitive" } } },
          { invoice: { customer: { name: { contains: search, mode: "insensitive" } } } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    db.billingCreditNote.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { invoice: { select: { id: true, number: true, currency: true, customer: { select: { name: true } } } } },
    }),
    db.billingCreditNote.count({ where }),
  ]);
  return { rows, total, page: opts.page, pageSize: opts.pageSize };
}
