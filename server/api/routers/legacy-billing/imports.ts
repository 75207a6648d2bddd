import { z } from "zod";
import { importOutcomeSchema, legacyImportRunListSchema } from "@/lib/validators/legacy-billing";
import { listImportResults } from "@/server/legacy-billing/import/list-import-results";
import { resumeImport, startImport } from "@/server/legacy-billing/import/start-import";
import { listImportRuns } from "@/server/legacy-billing/runs/list-runs";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "../billing/billing-procedure";
import { asBillingError } from "./legacy-errors";

/** Shadow import runs: start (dry run by default), resume (failed or stalled), paged history and per-row results. */
export const legacyImportsRouter = createTRPCRouter({
  start: billingProcedure
    .input(z.object({ dryRun: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => asBillingError(() => startImport(ctx.db, { dryRun: input.dryRun, userId: ctx.user.id }))),
  resume: billingProcedure.input(z.object({ id: z.string().min(1) })).mutation(({ ctx, input }) => asBillingError(() => resumeImport(ctx.db, input.id))),
  list: billingProcedure.input(legacyImportRunListSchema).query(({ ctx, input }) => listImportRuns(ctx.db, input)),
  get: billingProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => (await listImportRuns(ctx.db, { id: input.id })).rows[0] ?? null),
  results: billingProcedure
    .input(z.object({ runId: z.string().min(1), outcome: importOutcomeSchema.optional(), cursor: z.string().optional() }))
    .query(({ ctx, input }) => listImportResults(ctx.db, input)),
});
