/**
 * Loads what an approval request needs to know about its tickets: the
 * content for the AI summary and the e-mail (public thread only), the client
 * organisation with its owner contact, and the ticket's current request.
 */
import type { DbOrTx } from "@/server/db";
import type { ApprovalState, TicketStatus } from "@/server/generated/prisma/client";
import type { PublicThreadMessage, TicketSummaryInput } from "./summary-prompt";

/** Newest public messages loaded per ticket; the prompt and e-mail keep the first and latest anyway. */
const MAX_THREAD_MESSAGES = 400;

export interface CurrentEngagement {
  id: string;
  state: ApprovalState;
  ownerName: string;
  sentAt: Date;
  decidedAt: Date | null;
}

export interface ApprovalTicket {
  id: string;
  number: string;
  subject: string;
  description: string;
  status: TicketStatus;
  organisation: { id: string; label: string; name: string; ownerName: string | null; ownerEmail: string | null };
  /** Public replies after the description, oldest first. Internal notes are never loaded. */
  publicMessages: PublicThreadMessage[];
  current: CurrentEngagement | null;
}

/**
 * The tickets with these ids (missing ids are simply absent), in the order
 * asked. Unscoped: only provider staff request approvals, and they work
 * across organisations.
 */
export async function unsafeLoadApprovalTickets(db: DbOrTx, ticketIds: readonly string[]): Promise<ApprovalTicket[]> {
  const rows = await db.ticket.findMany({
    where: { id: { in: [...ticketIds] } },
    select: {
      id: true,
      number: true,
      subject: true,
      description: true,
      status: true,
      createdAt: true,
      organisation: { select: { id: true, label: true, name: true, ownerName: true, ownerEmail: true } },
      messages: {
        where: { visibility: "public" },
        orderBy: { createdAt: "desc" },
        take: MAX_THREAD_MESSAGES,
        select: { authorName: true, body: true, createdAt: true },
      },
      approvalEngagements: {
        where: { supersededAt: null },
        orderBy: { sentAt: "desc" },
        take: 1,
        select: { id: true, state: true, ownerName: true, sentAt: true, decidedAt: true },
      },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ticketIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const messages = [...row.messages].reverse();
    // The helpdesk stores the description as the first public message; it is sent once, as the description.
    const first = messages[0];
    if (first && first.body.trim() === row.description.trim()) messages.shift();
    return [
      {
        id: row.id,
        number: row.number,
        subject: row.subject,
        description: row.description,
        status: row.status,
        organisation: row.organisation,
        publicMessages: messages.map((m) => ({ author: m.authorName, at: m.createdAt, body: m.body })),
        current: row.approvalEngagements[0] ?? null,
      },
    ];
  });
}

/** The summary prompt's input for one ticket. */
export function toSummaryInput(ticket: ApprovalTicket): TicketSummaryInput {
  return {
    ticketNumber: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    organisationLabel: ticket.organisation.name,
    publicMessages: ticket.publicMessages,
  };
}
