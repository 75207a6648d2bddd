import { approvalSettingsSchema } from "@/lib/validators/approvals";
import { getApprovalSettings, updateApprovalSettings } from "@/server/approvals/approval-settings";
import { adminProcedure, providerProcedure } from "../../trpc";

export const settings = providerProcedure.query(({ ctx }) => getApprovalSettings(ctx.db));

/** Reminder days (0 = off); provider admins only. */
export const updateSettings = adminProcedure
  .input(approvalSettingsSchema)
  .mutation(({ ctx, input }) => updateApprovalSettings(ctx.db, { ...input, updatedById: ctx.user.id }));
