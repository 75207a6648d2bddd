/**
 * PAYMENT_SUMMARY: writes one week's payment figures onto the customer's CRM
 * record (through the payment_summary field mappings) and adds a note with
 * the summary. Both steps are idempotent: the update sets values, the note
 * carries the item's reference.
 */
import { z } from "zod";
import { canonicalValues } from "../field-values";
import { typesByPath } from "../mappings";
import type { HandlerContext, HandlerResult } from "./handler-context";
import { toRemoteData } from "./push-record";

export const paymentSummaryPayload = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  currency: z.string(),
  weekTotal: z.string(),
  paymentCount: z.number().int(),
  averagePayment: z.string(),
  lastPaymentDate: z.string().nullable(),
});
export type PaymentSummaryPayload = z.infer<typeof paymentSummaryPayload>;

/** The note text of a summary. */
export function paymentSummaryText(p: PaymentSummaryPayload): string {
  if (p.paymentCount === 0) return `Payments ${p.weekStart} – ${p.weekEnd}: none.`;
  return [
    `Payments ${p.weekStart} – ${p.weekEnd}: ${p.paymentCount} payment(s), total ${p.currency} ${p.weekTotal},`,
    `average ${p.currency} ${p.averagePayment}, last on ${p.lastPaymentDate ?? "—"}.`,
  ].join(" ");
}

export async function paymentSummaryHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const p = paymentSummaryPayload.parse(ctx.item.payload);
  if (!ctx.link?.externalId) return { message: "The customer is not in the CRM; summary skipped" };
  const mappings = ctx.mappingsFor("payment_summary");
  const values = canonicalValues({ ...p }, typesByPath(mappings));
  const data = toRemoteData(values, mappings, false);
  if (Object.keys(data).length) {
    await ctx.connector.pushRecord({
      module: ctx.link.module,
      localId: ctx.item.entityId,
      externalId: ctx.link.externalId,
      data,
      idempotencyKey: ctx.item.idempotencyKey,
    });
  }
  await ctx.connector.addNote({
    module: ctx.link.module,
    externalId: ctx.link.externalId,
    text: paymentSummaryText(p),
    idempotencyKey: ctx.item.idempotencyKey,
  });
  return { message: Object.keys(data).length ? "Summary fields and note written" : "Summary note written" };
}
