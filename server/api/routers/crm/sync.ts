import { z } from "zod";
import { callLogListSchema, queueListSchema, resolveConflictSchema, retryItemsSchema, runNowSchema } from "@/lib/validators/crm";
import { idSchema } from "@/lib/validators/common";
import { accountingPullSchema, externalIssueListSchema } from "@/lib/validators/external-billing";
import { listImportIssues } from "@/server/billing/external/list-external-records";
import { startAccountingImport } from "@/server/billing/external/start-accounting-import";
import { getRun, startRun } from "@/server/crm/dashboard/run-now";
import { dashboardOverview, listCallLog, listOpenConflicts, listQueue } from "@/server/crm/dashboard/sync-dashboard";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { resolveSyncConflict } from "@/server/crm/engine/resolve-conflict";
import { retryItems } from "@/server/crm/engine/retry-items";
import { createTRPCRouter } from "../../trpc";
import { crmProviderProcedure } from "./crm-procedures";

const optionalConnection = z.object({ connectionId: z.string().optional() });

/** The sync dashboard: figures, queue and dead letter, call log, conflicts, "Run now". */
export const crmSyncRouter = createTRPCRouter({
  overview: crmProviderProcedure.input(optionalConnection).query(({ ctx, input }) => dashboardOverview(ctx.db, input)),
  queue: crmProviderProcedure.input(queueListSchema).query(({ ctx, input }) => listQueue(ctx.db, input)),
  log: crmProviderProcedure.input(callLogListSchema).query(({ ctx, input }) => listCallLog(ctx.db, input)),
  conflicts: crmProviderProcedure.input(optionalConnection).query(({ ctx, input }) => listOpenConflicts(ctx.db, input)),
  retry: crmProviderProcedure.input(retryItemsSchema).mutation(async ({ ctx, input }) => {
    const result = await retryItems(ctx.db, input);
    await dispatchSyncWork(result.connectionIds);
    return result;
  }),
  resolveConflict: crmProviderProcedure.input(resolveConflictSchema).mutation(async ({ ctx, input }) => {
    const result = await resolveSyncConflict(ctx.db, { ...input, userId: ctx.user.id });
    await dispatchSyncWork(result.wake);
    return { ok: true };
  }),
  runNow: crmProviderProcedure.input(runNowSchema).mutation(({ ctx, input }) => startRun(ctx.db, { ...input, userId: ctx.user.id })),
  run: crmProviderProcedure.input(idSchema).query(({ ctx, input }) => getRun(ctx.db, input.id)),
  /** The accounting import's refused or held-back invoices and payments, shown with the dead letter. */
  importIssues: crmProviderProcedure.input(externalIssueListSchema).query(({ ctx, input }) => listImportIssues(ctx.db, input)),
  /** Their retry: they stay unmarked in the CRM, so importing again brings them back. */
  importAgain: crmProviderProcedure
    .input(accountingPullSchema)
    .mutation(({ ctx, input }) => startAccountingImport(ctx.db, { connectionId: input.connectionId, userId: ctx.user.id })),
});
