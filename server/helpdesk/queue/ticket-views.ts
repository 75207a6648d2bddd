import type { TicketViewInput } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { HelpdeskError, invalidInput } from "../errors";

/** Keys a saved view may hold: the list's filters and sort, never a page or cursor. */
const VIEW_KEYS = new Set(["q", "status", "priority", "type", "team", "org", "sla", "assignee", "sort"]);

/** Keeps only the list's filter keys, so a view never pins a page or a stale cursor. */
export function normaliseViewQuery(query: string): string {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  const kept = new URLSearchParams();
  for (const [k, v] of params) if (VIEW_KEYS.has(k)) kept.append(k, v);
  return kept.toString();
}

/** The caller's own views and every shared one. */
export async function listTicketViews(db: DbOrTx, userId: string) {
  const views = await db.ticketView.findMany({
    where: { OR: [{ ownerId: userId }, { shared: true }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true, email: true } } },
  });
  return views.map(({ owner, ...v }) => ({ ...v, mine: v.ownerId === userId, ownerName: owner.name ?? owner.email }));
}

/** Saves a view under a name unique per owner. */
export async function createTicketView(db: DbOrTx, userId: string, input: TicketViewInput) {
  try {
    return await db.ticketView.create({
      data: { ownerId: userId, name: input.name, query: normaliseViewQuery(input.query), shared: input.shared },
      select: { id: true, name: true, query: true, shared: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw invalidInput("name", "You already have a view with this name");
    }
    throw error;
  }
}

/** Only the owner deletes a view; someone else's shared view is not theirs to remove. */
export async function deleteTicketView(db: DbOrTx, userId: string, id: string): Promise<void> {
  const { count } = await db.ticketView.deleteMany({ where: { id, ownerId: userId } });
  if (count === 0) throw new HelpdeskError("not_found", "View not found");
}
