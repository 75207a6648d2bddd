import { TRPCError } from "@trpc/server";
import { ApprovalError, type ApprovalErrorCode } from "@/server/approvals/errors";

const TRPC_CODES: Record<ApprovalErrorCode, TRPCError["code"]> = {
  not_found: "NOT_FOUND",
  invalid_input: "BAD_REQUEST",
  no_owner_contact: "PRECONDITION_FAILED",
  mixed_organisations: "PRECONDITION_FAILED",
  already_engaged: "CONFLICT",
  ticket_closed: "PRECONDITION_FAILED",
};

/** Runs `fn`, turning an ApprovalError into a tRPC error that keeps its message for the UI. */
export async function withApprovalErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ApprovalError) throw new TRPCError({ code: TRPC_CODES[error.code], message: error.message, cause: error });
    throw error;
  }
}
