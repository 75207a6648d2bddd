import { draftSummariesSchema } from "@/lib/validators/approvals";
import { unsafeDraftApprovalSummaries } from "@/server/approvals/draft-summaries";
import { providerProcedure } from "../../trpc";
import { appEnv } from "@/server/config-readers";

/** AI drafts for the wizard (a mutation: it calls an outside service and must not refetch on focus). */
export const draftSummaries = providerProcedure
  .input(draftSummariesSchema)
  .mutation(({ ctx, input }) => unsafeDraftApprovalSummaries(ctx.db, input.ticketIds, appEnv.ai()));
