import { z } from "zod";
import { legacyPeriodSchema, reconciliationFilterSchema, reviewReconciliationSchema } from "@/lib/validators/legacy-billing";
import { getTolerance, openConfiguredLegacySource } from "@/server/legacy-billing/import/legacy-settings";
import { listReconciliations, reconciliationCsv, reviewReconciliation, summarisePeriods } from "@/server/legacy-billing/reconcile/review-reconciliation";
import { runReconciliation } from "@/server/legacy-billing/reconcile/run-reconciliation";
import { getFlipChecklist, signOffPeriod } from "@/server/legacy-billing/reconcile/sign-off-period";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "../billing/billing-procedure";
import { asBillingError } from "./legacy-errors";

/** Dual-run report: run, filter, review, sign off, flip checklist. CSV as text for a download. */
export const legacyReconciliationRouter = createTRPCRouter({
  run: billingProcedure.input(z.object({ period: legacyPeriodSchema.optional() })).mutation(({ ctx, input }) =>
    asBillingError(async () => {
      const source = await openConfiguredLegacySource(ctx.db);
      try {
        return await runReconciliation(ctx.db, source, { period: input.period, tolerance: await getTolerance(ctx.db) });
      } finally {
        await source.close();
      }
    }),
  ),
  list: billingProcedure.input(reconciliationFilterSchema).query(({ ctx, input }) => listReconciliations(ctx.db, input)),
  csv: billingProcedure.input(reconciliationFilterSchema.omit({ cursor: true })).query(({ ctx, input }) => reconciliationCsv(ctx.db, input)),
  periods: billingProcedure.query(({ ctx }) => summarisePeriods(ctx.db)),
  review: billingProcedure
    .input(reviewReconciliationSchema)
    .mutation(({ ctx, input }) => asBillingError(async () => (await reviewReconciliation(ctx.db, input.id, input, ctx.user.id)).id)),
  signOff: billingProcedure
    .input(z.object({ period: legacyPeriodSchema }))
    .mutation(({ ctx, input }) => asBillingError(() => signOffPeriod(ctx.db, input.period, { id: ctx.user.id, name: ctx.user.name ?? ctx.user.email }))),
  checklist: billingProcedure.input(z.object({ period: legacyPeriodSchema })).query(({ ctx, input }) => getFlipChecklist(ctx.db, input.period)),
});
