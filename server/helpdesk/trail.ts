import type { Prisma, TicketMessageAuthorKind } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";

/** Kinds of trail entries. Other features may add their own (e.g. approval_requested). */
export type TicketEventKind =
  | "created"
  | "status_changed"
  | "reopened"
  | "priority_changed"
  | "type_changed"
  | "assigned"
  | "team_changed"
  | "fields_changed"
  | "message_added"
  | "note_added"
  | "sla_paused"
  | "sla_resumed"
  | "sla_due_changed"
  | "sla_breached"
  | "escalated"
  | "first_response"
  | "link_revoked"
  | (string & {});

/** Who did something; omit for the system. */
export interface TrailActor {
  kind: TicketMessageAuthorKind;
  userId?: string | null;
  name?: string | null;
}

export const SYSTEM_ACTOR: TrailActor = { kind: "system", name: "Switchboard" };

export interface RecordTicketEventInput {
  ticketId: string;
  organisationId: string;
  kind: TicketEventKind;
  summary: string;
  actor?: TrailActor;
  data?: Prisma.InputJsonValue;
  at?: Date;
}

/** Appends one entry to a ticket's trail (inside the caller's transaction). */
export async function recordTicketEvent(tx: DbOrTx, input: RecordTicketEventInput): Promise<void> {
  const actor = input.actor ?? SYSTEM_ACTOR;
  await tx.ticketEvent.create({
    data: {
      ticketId: input.ticketId,
      organisationId: input.organisationId,
      kind: input.kind,
      summary: input.summary,
      actorKind: actor.kind,
      actorUserId: actor.userId ?? null,
      actorName: actor.name ?? null,
      data: input.data ?? {},
      ...(input.at ? { createdAt: input.at } : {}),
    },
  });
}
