import { z } from "zod";
import { approvalContextFromEnv } from "@/server/approvals/approval-context";
import { unsafeResendApprovalLinks } from "@/server/approvals/resend-approval-links";
import { providerProcedure } from "../../trpc";

/** Fresh links for a pending request (e.g. after they expired), e-mailed to the owner again. */
export const resend = providerProcedure
  .input(z.object({ engagementId: z.string().min(1) }))
  .mutation(({ ctx, input }) =>
    unsafeResendApprovalLinks({ engagementId: input.engagementId, requestedBy: { id: ctx.user.id, name: ctx.user.name?.trim() || ctx.user.email } }, approvalContextFromEnv(), ctx.db),
  );
