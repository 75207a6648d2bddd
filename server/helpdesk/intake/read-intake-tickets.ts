import type { DbOrTx } from "@/server/db";
import { PUBLIC_MESSAGES } from "../public-thread";
import type { IntakeCaller } from "./api-keys";

const SUMMARY = {
  number: true,
  subject: true,
  status: true,
  priority: true,
  type: true,
  reporterName: true,
  reporterEmail: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** GET /api/v1/tickets?reporter=: a reporter's tickets in the key's organisation, newest first. */
export function listIntakeTickets(db: DbOrTx, caller: IntakeCaller, input: { reporter: string; limit: number }) {
  return db.ticket.findMany({
    where: { organisationId: caller.organisationId, reporterEmail: input.reporter.trim().toLowerCase() },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: SUMMARY,
  });
}

/** GET /api/v1/tickets/<number>: one ticket of the key's organisation with its public messages. */
export function getIntakeTicket(db: DbOrTx, caller: IntakeCaller, number: string) {
  return db.ticket.findFirst({
    where: { organisationId: caller.organisationId, number },
    select: {
      ...SUMMARY,
      description: true,
      serviceAddress: true,
      affectedServices: true,
      deviceSerials: true,
      messages: PUBLIC_MESSAGES,
    },
  });
}
