import type { DbOrTx } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { HelpdeskError, invalidInput } from "./errors";

/** Teams with how many active tickets each holds, by name. */
export async function listTeams(db: DbOrTx) {
  const teams = await db.team.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      _count: { select: { tickets: { where: { status: { in: ["open", "in_progress", "waiting_on_customer"] } } } } },
    },
  });
  return teams.map((t) => ({ id: t.id, name: t.name, description: t.description, activeTickets: t._count.tickets }));
}

function uniqueName<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw invalidInput("name", "A team with this name already exists");
    }
    throw error;
  });
}

export function createTeam(db: DbOrTx, input: { name: string; description?: string }) {
  return uniqueName(db.team.create({ data: { name: input.name, description: input.description ?? null }, select: { id: true } }));
}

export async function updateTeam(db: DbOrTx, id: string, input: { name: string; description?: string }) {
  const exists = await db.team.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new HelpdeskError("not_found", "Team not found");
  return uniqueName(db.team.update({ where: { id }, data: { name: input.name, description: input.description ?? null }, select: { id: true } }));
}

/** Deletes a team; its tickets keep working without a team. */
export async function deleteTeam(db: DbOrTx, id: string): Promise<void> {
  const result = await db.team.deleteMany({ where: { id } });
  if (result.count === 0) throw new HelpdeskError("not_found", "Team not found");
}

/** Provider staff who can be assigned tickets. */
export async function listAssignableStaff(db: DbOrTx) {
  const rows = await db.membership.findMany({
    where: { role: { in: ["PROVIDER_ADMIN", "AGENT"] }, user: { disabledAt: null } },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  const seen = new Set<string>();
  return rows.map((r) => r.user).filter((u) => (seen.has(u.id) ? false : (seen.add(u.id), true)));
}
