import type { BulkUpdateTicketsInput } from "@/lib/validators/helpdesk";
import type { Db } from "@/server/db";
import { HelpdeskError } from "../errors";
import type { TrailActor } from "../trail";
import { unsafeUpdateTicket } from "../update-ticket";

/** What happened to one ticket of a bulk change. */
export interface BulkTicketResult {
  id: string;
  number: string | null;
  outcome: "changed" | "unchanged" | "failed";
  message?: string;
}

/**
 * Applies one change to each selected ticket, each in its own transaction so
 * one bad ticket (gone, or a change it refuses) fails alone and the rest go
 * through. Unsafe like the console list: provider staff act on every
 * organisation's tickets (provider procedures only). Running it twice changes
 * nothing the second time (each field is only written when it differs).
 */
export async function unsafeBulkUpdateTickets(db: Db, input: BulkUpdateTicketsInput, actor: TrailActor): Promise<BulkTicketResult[]> {
  const ids = [...new Set(input.ids)];
  const numbers = new Map(
    (await db.ticket.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })).map((t) => [t.id, t.number]),
  );
  const results: BulkTicketResult[] = [];
  for (const id of ids) {
    const number = numbers.get(id) ?? null;
    if (!number) {
      results.push({ id, number, outcome: "failed", message: "Ticket not found" });
      continue;
    }
    try {
      const changed = await db.$transaction((tx) => unsafeUpdateTicket(tx, { id, data: input.data }, actor), { timeout: 20_000 });
      results.push({ id, number, outcome: changed.length ? "changed" : "unchanged" });
    } catch (error) {
      if (!(error instanceof HelpdeskError)) throw error;
      results.push({ id, number, outcome: "failed", message: error.message });
    }
  }
  return results;
}
