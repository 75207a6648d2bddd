import { draftSummariesSchema } from "@/lib/validators/approvals";
import { readAiConfig } from "@/server/ai/ai-env";
import { unsafeDraftApprovalSummaries } from "@/server/approvals/draft-summaries";
import { providerProcedure } from "../../trpc";

/** AI drafts for the wizard (a mutation: it calls an outside service and must not refetch on focus). */
export const draftSummaries = providerProcedure
  .input(draftSummariesSchema)
  .mutation(({ ctx, input }) => unsafeDraftApprovalSummaries(ctx.db, input.ticketIds, readAiConfig()));
