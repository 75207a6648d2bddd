import { z } from "zod";
import { creditNoteSchema, PAYMENT_STATUSES } from "@/lib/validators/billing";
import { pagingSchema } from "@/lib/validators/common";
import { createCreditNote } from "@/server/billing/credit-notes/create-credit-note";
import { dispatchCreditNoteEmail } from "@/server/billing/documents/dispatch-document-email";
import { listCreditNotes, listPayments } from "@/server/billing/payments/list-payments";
import { unsafeListPaymentReviews } from "@/server/billing/payments/payment-review";
import { stripeFromConfig } from "@/server/billing/payments/stripe-client";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure, toWire } from "./billing-procedure";
import { appEnv } from "@/server/config-readers";

/** Payment attempts and credit notes. */
export const billingPaymentsRouter = createTRPCRouter({
  list: billingProcedure
    .input(pagingSchema.extend({ status: z.enum(PAYMENT_STATUSES).optional(), search: z.string().max(200).optional() }))
    .query(async ({ ctx, input }) => toWire(await listPayments(ctx.db, input))),
  creditNotes: billingProcedure
    .input(pagingSchema.extend({ search: z.string().max(200).optional() }))
    .query(async ({ ctx, input }) => toWire(await listCreditNotes(ctx.db, input))),
  /** Succeeded payments whose currency or amount did not match their invoice, kept for review. */
  reviews: billingProcedure.query(async ({ ctx }) => toWire(await unsafeListPaymentReviews(ctx.db))),
  createCreditNote: billingProcedure
    .input(creditNoteSchema)
    .mutation(async ({ ctx, input }) => {
      const note = await createCreditNote(ctx.db, stripeFromConfig(appEnv.billing()), input);
      await dispatchCreditNoteEmail(note.id);
      return toWire(note);
    }),
});
