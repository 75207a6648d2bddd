"use server";

import { headers } from "next/headers";
import { handleConfirmSubmission, type ConfirmOutcome } from "@/server/approvals/confirm-submission";
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { appEnv } from "@/server/config-readers";
import { logger } from "@/server/logger";

export type ConfirmFormState = ConfirmOutcome | { status: "idle" };

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
};

/** POST of the confirmation form: checks origin, rate limits and the anti-forgery value, then records the decision. */
export async function confirmApprovalAction(_previous: ConfirmFormState, data: FormData): Promise<ConfirmFormState> {
  const h = await headers();
  try {
    return await handleConfirmSubmission(
      {
        token: field(data, "token"),
        decision: field(data, "decision"),
        comment: field(data, "comment"),
        formToken: field(data, "formToken"),
        origin: h.get("origin"),
        host: h.get("x-forwarded-host") ?? h.get("host"),
        ip: requestContextFromHeaders(h).ip,
      },
      appEnv.approvalContext(),
    );
  } catch (error) {
    // Never an error trace for the owner: log it and say what to do.
    logger.error("approvals.confirm_failed", { error: error instanceof Error ? error.message : String(error) });
    return { status: "error", message: "Something went wrong on our side and nothing was recorded. Please try again in a minute.", comment: field(data, "comment") };
  }
}
