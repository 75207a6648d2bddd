/**
 * A ticket's approval state for the pills and the ticket page: its current
 * request (the one not replaced by a newer one) and, on the page, the history.
 */
import type { ApprovalStateValue } from "@/lib/validators/approvals";
import type { SessionUser } from "@/server/auth/session-user";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { inboxScopeWhere } from "@/server/helpdesk/inbox/inbox-scope";
import { getOwnerContactOrThrow, type OwnerContact } from "./owner-contact";
import { turnaroundHours } from "./turnaround";
import { ApprovalError } from "./errors";

export interface TicketApprovalState {
  state: ApprovalStateValue;
  ownerName: string;
}

export interface TicketApprovalEngagement {
  id: string;
  state: ApprovalStateValue;
  current: boolean;
  ownerName: string;
  ownerEmail: string;
  summary: string;
  note: string | null;
  requestedByName: string;
  batchId: string | null;
  sentAt: Date;
  remindedAt: Date | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  turnaroundHours: number | null;
}

export interface TicketApprovalStatus {
  ticketId: string;
  ticketStatus: string;
  owner: OwnerContact;
  current: TicketApprovalEngagement | null;
  /** Every request for the ticket, newest first (the current one included). */
  history: TicketApprovalEngagement[];
}

/** For the console's ticket page (provider staff, any organisation). */
export async function unsafeGetTicketApprovalStatus(db: DbOrTx, ticketId: string): Promise<TicketApprovalStatus> {
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: {
      id: true,
      status: true,
      organisationId: true,
      approvalEngagements: {
        orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }],
        take: 50,
        select: {
          id: true,
          state: true,
          supersededAt: true,
          ownerName: true,
          ownerEmail: true,
          summary: true,
          note: true,
          requestedByName: true,
          batchId: true,
          sentAt: true,
          remindedAt: true,
          decidedAt: true,
          decisionComment: true,
        },
      },
    },
  });
  if (!ticket) throw new ApprovalError("not_found", "Ticket not found");
  const history = ticket.approvalEngagements.map(({ supersededAt, ...e }) => ({
    ...e,
    current: supersededAt === null,
    turnaroundHours: turnaroundHours(e.sentAt, e.decidedAt),
  }));
  return {
    ticketId: ticket.id,
    ticketStatus: ticket.status,
    owner: await getOwnerContactOrThrow(db, ticket.organisationId),
    current: history.find((e) => e.current) ?? null,
    history,
  };
}

async function currentStates(db: DbOrTx, where: Prisma.ApprovalEngagementWhereInput) {
  const rows = await db.approvalEngagement.findMany({
    where: { ...where, supersededAt: null, state: { not: "superseded" } },
    select: { ticketId: true, state: true, ownerName: true },
  });
  const out: Record<string, TicketApprovalState> = {};
  for (const r of rows) out[r.ticketId] = { state: r.state, ownerName: r.ownerName };
  return out;
}

/** Current state per ticket (absent = no request) for the console list; provider staff only. */
export function unsafeApprovalStatesForTickets(db: DbOrTx, ticketIds: readonly string[]): Promise<Record<string, TicketApprovalState>> {
  if (ticketIds.length === 0) return Promise.resolve({});
  return currentStates(db, { ticketId: { in: [...ticketIds] } });
}

/**
 * The same for My Tickets: only tickets the client staff member may see
 * (their organisation; a client user only their own tickets).
 */
export function approvalStatesForInboxTickets(
  db: DbOrTx,
  user: Pick<SessionUser, "id" | "email" | "role" | "organisationId">,
  ticketIds: readonly string[],
): Promise<Record<string, TicketApprovalState>> {
  if (ticketIds.length === 0) return Promise.resolve({});
  return currentStates(db, { organisationId: user.organisationId, ticketId: { in: [...ticketIds] }, ticket: inboxScopeWhere(user, "all") });
}
