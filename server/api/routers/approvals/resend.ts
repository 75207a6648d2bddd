import { z } from "zod";
import { unsafeResendApprovalLinks } from "@/server/approvals/resend-approval-links";
import { providerProcedure } from "../../trpc";
import { appEnv } from "@/server/config-readers";

/** Fresh links for a pending request (e.g. after they expired), e-mailed to the owner again. */
export const resend = providerProcedure
  .input(z.object({ engagementId: z.string().min(1) }))
  .mutation(({ ctx, input }) =>
    unsafeResendApprovalLinks({ engagementId: input.engagementId, requestedBy: { id: ctx.user.id, name: ctx.user.name?.trim() || ctx.user.email } }, appEnv.approvalContext(), ctx.db),
  );
