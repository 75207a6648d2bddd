import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { TicketNotFoundError } from "./errors";
import { loadSlaSettings } from "./sla-settings";
import { evaluateTicketSla, toSlaPauses } from "./ticket-sla";

const ATTACHMENT_META = { select: { id: true, filename: true, contentType: true, sizeBytes: true } } as const;

const CONSOLE_TICKET_SELECT = {
  id: true,
  number: true,
  subject: true,
  description: true,
  status: true,
  priority: true,
  type: true,
  origin: true,
  target: true,
  channel: true,
  reporterName: true,
  reporterEmail: true,
  serviceAddress: true,
  affectedServices: true,
  deviceSerials: true,
  tags: true,
  diagnostics: true,
  firstRespondedAt: true,
  firstResponseMinutes: true,
  lastProviderUpdateAt: true,
  resolvedAt: true,
  resolutionMinutes: true,
  closedAt: true,
  slaBreached: true,
  escalationLevel: true,
  escalatedAt: true,
  createdAt: true,
  updatedAt: true,
  organisation: { select: { id: true, label: true, name: true } },
  team: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true, email: true } },
  messages: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      authorKind: true,
      authorName: true,
      authorEmail: true,
      visibility: true,
      body: true,
      createdAt: true,
      attachments: ATTACHMENT_META,
    },
  },
  events: {
    orderBy: { createdAt: "asc" },
    select: { id: true, kind: true, summary: true, actorKind: true, actorName: true, createdAt: true },
  },
  followers: { orderBy: { createdAt: "asc" }, select: { id: true, email: true, name: true } },
  accessTokens: {
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, recipientEmail: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true },
  },
  pauses: { orderBy: { startedAt: "asc" }, select: { startedAt: true, endedAt: true, reason: true } },
} satisfies Prisma.TicketSelect;

/** One SLA clock for display: its state, deadline and what is left or overdue. */
export interface SlaClockView {
  target: "first_response" | "next_update" | "resolution";
  status: "running" | "paused" | "met" | "inactive";
  state: string;
  dueAt: Date | null;
  metAt: Date | null;
  targetMinutes: number | null;
  remainingMinutes: number | null;
  overdueMinutes: number;
}

/**
 * A ticket for the console's ticket page: everything, internal notes and the
 * trail included, with the three SLA clocks evaluated now. Provider staff
 * only (the caller is a provider procedure), so no organisation filter.
 */
export async function unsafeGetConsoleTicket(db: DbOrTx, number: string, now: Date = new Date()) {
  const ticket = await db.ticket.findUnique({ where: { number }, select: CONSOLE_TICKET_SELECT });
  if (!ticket) throw new TicketNotFoundError();
  const settings = await loadSlaSettings(db);
  const { assessment } = evaluateTicketSla(
    {
      priority: ticket.priority,
      createdAt: ticket.createdAt,
      firstRespondedAt: ticket.firstRespondedAt,
      lastProviderUpdateAt: ticket.lastProviderUpdateAt,
      resolvedAt: ticket.resolvedAt,
    },
    toSlaPauses(ticket.pauses),
    settings,
    now,
  );
  const clocks: SlaClockView[] = [assessment.dueDates.firstResponseDue, assessment.dueDates.nextUpdateDue, assessment.dueDates.resolutionDue].map(
    (c) => ({
      target: c.target,
      status: c.status,
      state: assessment.targets[c.target].state,
      dueAt: c.dueAt,
      metAt: c.status === "met" ? c.metAt : null,
      targetMinutes: c.status === "inactive" ? null : c.targetMinutes,
      remainingMinutes: c.status === "paused" ? c.remainingMinutes : null,
      overdueMinutes: assessment.targets[c.target].overdueMinutes,
    }),
  );
  const accessTokens = ticket.accessTokens.map((l) => ({ ...l, expired: l.expiresAt.getTime() <= now.getTime() }));
  return { ...ticket, accessTokens, sla: { overall: assessment.overall, clocks, calendarTimeZone: settings.calendar.timezone } };
}

export type ConsoleTicket = Awaited<ReturnType<typeof unsafeGetConsoleTicket>>;

