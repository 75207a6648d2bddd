/**
 * Amounts due below Stripe's minimum charge are carried to the subscription's
 * next invoice, as Stripe does with a customer balance, instead of a charge
 * Stripe would refuse (amount_too_small) and dunning that could never succeed.
 * The small invoice is settled by the carry (amountCarried, status paid); the
 * next draft bills it as a "carried balance" line added after tax (the amount
 * already includes its own invoice's tax).
 */
import type Decimal from "decimal.js";
import type { DbOrTx } from "@/server/db";
import { dec } from "../wire";

/**
 * Moves `due` off the invoice onto the next one. Call with the invoice row
 * locked; the carry is keyed by the source invoice, so a retry that gets
 * here again (or a concurrent one) carries nothing more.
 */
export async function carryBalanceForward(
  tx: DbOrTx,
  invoice: { id: string; subscriptionId: string; currency: string; amountCarried: { toFixed(): string } },
  due: string,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.billingCarriedBalance.createMany({
    data: [{ fromInvoiceId: invoice.id, subscriptionId: invoice.subscriptionId, currency: invoice.currency, amount: due, createdAt: now }],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  await tx.billingInvoice.update({
    where: { id: invoice.id },
    data: {
      amountCarried: dec(invoice.amountCarried).plus(dec(due)).toFixed(),
      status: "paid",
      paidAt: now,
      nextPaymentAttemptAt: null,
      lastPaymentError: null,
    },
  });
  return true;
}

export interface CarriedLine {
  fromInvoiceId: string;
  fromNumber: string | null;
  amount: Decimal;
}

/**
 * Claims for `invoiceId` every balance of the subscription not yet billed
 * elsewhere (and re-reads the ones it already holds), so refreshing a draft
 * any number of times bills each carried balance exactly once.
 */
export async function claimCarriedBalances(tx: DbOrTx, invoiceId: string, subscriptionId: string, currency: string): Promise<CarriedLine[]> {
  const rows = await tx.$queryRaw<Array<{ fromInvoiceId: string; amount: string; number: string | null }>>`
    UPDATE "BillingCarriedBalance" b SET "toInvoiceId" = ${invoiceId}
      FROM "BillingInvoice" i
     WHERE i."id" = b."fromInvoiceId"
       AND b."subscriptionId" = ${subscriptionId}
       AND b."currency" = ${currency}
       AND b."fromInvoiceId" <> ${invoiceId}
       AND (b."toInvoiceId" IS NULL OR b."toInvoiceId" = ${invoiceId})
    RETURNING b."fromInvoiceId", b."amount"::text AS amount, i."number"`;
  return rows
    .map((r) => ({ fromInvoiceId: r.fromInvoiceId, fromNumber: r.number, amount: dec(r.amount) }))
    .sort((a, b) => (a.fromNumber ?? "").localeCompare(b.fromNumber ?? ""));
}
