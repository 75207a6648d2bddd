import { z } from "zod";
import { importOutcomeSchema } from "@/lib/validators/legacy-billing";
import { listImportResults, listImportRuns } from "@/server/legacy-billing/import/list-import-runs";
import { resumeImport, startImport } from "@/server/legacy-billing/import/start-import";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "../billing/billing-procedure";
import { asBillingError } from "./legacy-errors";

/** Shadow import runs: start (dry run by default), resume, history and per-row results. */
export const legacyImportsRouter = createTRPCRouter({
  start: billingProcedure
    .input(z.object({ dryRun: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => asBillingError(() => startImport(ctx.db, { dryRun: input.dryRun, userId: ctx.user.id }))),
  resume: billingProcedure.input(z.object({ id: z.string().min(1) })).mutation(({ ctx, input }) => asBillingError(() => resumeImport(ctx.db, input.id))),
  list: billingProcedure.query(({ ctx }) => listImportRuns(ctx.db)),
  results: billingProcedure
    .input(z.object({ runId: z.string().min(1), outcome: importOutcomeSchema.optional(), cursor: z.string().optional() }))
    .query(({ ctx, input }) => listImportResults(ctx.db, input)),
});
