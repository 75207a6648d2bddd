import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["approvals"];

/** A request the rules allow: what the wizard opens with. */
export type PreparedApproval = Extract<Outputs["prepare"], { ok: true }>;
export type PrepareResult = Outputs["prepare"];
export type TicketApprovalStatusView = Outputs["ticketStatus"];
