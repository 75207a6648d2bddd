import { z } from "zod";
import { legacyPeriodSchema, legacyRunListSchema, reconciliationFilterSchema, reviewReconciliationSchema } from "@/lib/validators/legacy-billing";
import { listReconciliations, reconciliationCsv, reviewReconciliation, summarisePeriods } from "@/server/legacy-billing/reconcile/review-reconciliation";
import { getFlipChecklist, signOffPeriod } from "@/server/legacy-billing/reconcile/sign-off-period";
import { resumeReconciliation, startReconciliation } from "@/server/legacy-billing/reconcile/start-reconciliation";
import { listReconciliationRuns } from "@/server/legacy-billing/runs/list-runs";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "../billing/billing-procedure";
import { asBillingError } from "./legacy-errors";

/** Dual-run report: run (in the background), run history, filter, review, sign off, flip checklist. CSV as text for a download. */
export const legacyReconciliationRouter = createTRPCRouter({
  run: billingProcedure
    .input(z.object({ period: legacyPeriodSchema.optional() }))
    .mutation(({ ctx, input }) => asBillingError(() => startReconciliation(ctx.db, { period: input.period, userId: ctx.user.id }))),
  resume: billingProcedure.input(z.object({ id: z.string().min(1) })).mutation(({ ctx, input }) => asBillingError(() => resumeReconciliation(ctx.db, input.id))),
  runs: billingProcedure.input(legacyRunListSchema).query(({ ctx, input }) => listReconciliationRuns(ctx.db, input)),
  getRun: billingProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => (await listReconciliationRuns(ctx.db, { id: input.id })).rows[0] ?? null),
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
