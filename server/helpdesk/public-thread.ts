import type { Prisma } from "@/server/generated/prisma/client";

/**
 * What client staff, magic-link readers and the intake API may see of a
 * ticket's messages. The visibility filter lives here, in the query, so an
 * internal note is never loaded for them in the first place.
 */
export const PUBLIC_MESSAGES = {
  where: { visibility: "public" },
  orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  select: {
    id: true,
    authorKind: true,
    authorName: true,
    body: true,
    createdAt: true,
    attachments: { select: { id: true, filename: true, contentType: true, sizeBytes: true } },
  },
} satisfies Prisma.Ticket$messagesArgs;

export type PublicMessage = Prisma.TicketMessageGetPayload<{ select: typeof PUBLIC_MESSAGES.select }>;

/** Ticket fields shown outside the console (no diagnostics, tags, assignee or SLA internals). */
export const PUBLIC_TICKET_SELECT = {
  id: true,
  number: true,
  subject: true,
  status: true,
  priority: true,
  type: true,
  reporterName: true,
  reporterEmail: true,
  serviceAddress: true,
  createdAt: true,
  updatedAt: true,
  lastPublicMessageAt: true,
  organisation: { select: { label: true, name: true } },
  messages: PUBLIC_MESSAGES,
} satisfies Prisma.TicketSelect;

export type PublicTicket = Prisma.TicketGetPayload<{ select: typeof PUBLIC_TICKET_SELECT }>;
