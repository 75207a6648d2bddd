import { prepareApprovalSchema } from "@/lib/validators/approvals";
import { unsafeLoadApprovalTickets } from "@/server/approvals/approval-tickets";
import { checkApprovalRequest } from "@/server/approvals/check-approval-request";
import { ApprovalError } from "@/server/approvals/errors";
import { SUMMARY_PRIVACY_NOTICE } from "@/server/approvals/summary-prompt";
import { providerProcedure } from "../../trpc";
import { appEnv } from "@/server/config-readers";

/**
 * Opening the wizard: checks the rules first, so a refused request never
 * opens it. A refusal is an answer (`ok: false` with the reason), not an error.
 */
export const prepare = providerProcedure.input(prepareApprovalSchema).query(async ({ ctx, input }) => {
  const tickets = await unsafeLoadApprovalTickets(ctx.db, input.ticketIds);
  try {
    const checked = checkApprovalRequest(input.ticketIds, tickets, input.mode);
    return {
      ok: true as const,
      organisation: checked.organisation,
      owner: checked.owner,
      tickets: tickets.map((t) => ({ id: t.id, number: t.number, subject: t.subject, currentState: t.current?.state ?? null })),
      aiEnabled: Boolean(appEnv.ai().apiKey),
      privacyNotice: SUMMARY_PRIVACY_NOTICE,
    };
  } catch (error) {
    if (error instanceof ApprovalError) return { ok: false as const, code: error.code, message: error.message };
    throw error;
  }
});
