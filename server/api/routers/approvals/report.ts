import { approvalReportFilterSchema, listApprovalEngagementsSchema } from "@/lib/validators/approvals";
import { unsafeApprovalReport, unsafeListApprovalEngagements } from "@/server/approvals/approval-report";
import { providerProcedure } from "../../trpc";

/** Counts by organisation × state, turnaround and the timeline. */
export const report = providerProcedure.input(approvalReportFilterSchema).query(({ ctx, input }) => unsafeApprovalReport(ctx.db, input));

/** The filtered engagement list (with the "pending > 7 days" view). */
export const list = providerProcedure.input(listApprovalEngagementsSchema).query(({ ctx, input }) => unsafeListApprovalEngagements(ctx.db, input));
