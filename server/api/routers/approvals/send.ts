import { sendApprovalRequestSchema } from "@/lib/validators/approvals";
import { requestApproval } from "@/server/approvals/request-approval";
import { providerProcedure } from "../../trpc";
import { appEnv } from "@/server/config-readers";

/** Sends the request (single or bulk): engagements, links and the owner's e-mail. */
export const send = providerProcedure.input(sendApprovalRequestSchema).mutation(async ({ ctx, input }) => {
    const result = await requestApproval(
      {
        ticketIds: input.ticketIds,
        mode: input.mode,
        summaries: input.summaries,
        note: input.note,
        requestedBy: { id: ctx.user.id, name: ctx.user.name?.trim() || ctx.user.email },
      },
      appEnv.approvalContext(),
      ctx.db,
    );
    return { batchId: result.batchId, engagements: result.engagements, ownerEmail: result.ownerEmail, superseded: result.superseded };
});
