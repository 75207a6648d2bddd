import type { Db } from "@/server/db";
import { createTicket } from "@/server/helpdesk/create-ticket";
import { recordAccountAction } from "./account-actions";
import { notFound } from "./errors";

const HOURS = 24;

/**
 * Opens a helpdesk ticket for the client organisation whose staff member is
 * the target of a sign-in burst, prefilled with the evidence from the login
 * audit (failures of the last 24 hours by address and reason). The ticket is
 * filed by the admin, without an acknowledgement e-mail: the agent decides
 * what to tell the client.
 */
export async function openBurstTicket(db: Db, actor: { id: string; name: string | null; email: string }, login: string, now = new Date()) {
  const user = await db.user.findFirst({
    where: { email: login, deletedAt: null },
    include: { memberships: { where: { organisation: { kind: "CLIENT", archivedAt: null } }, include: { organisation: true }, take: 1 } },
  });
  const membership = user?.memberships[0];
  if (!user || !membership) throw notFound("Client staff member with that login");
  const since = new Date(now.getTime() - HOURS * 3_600_000);
  const where = { login, kind: "SIGN_IN" as const, result: "FAILURE" as const, occurredAt: { gte: since } };
  const [total, byIp, byReason] = await Promise.all([
    db.loginEvent.count({ where }),
    db.loginEvent.groupBy({ by: ["ip", "country"], where, _count: { _all: true }, _max: { occurredAt: true }, orderBy: { _count: { ip: "desc" } }, take: 10 }),
    db.loginEvent.groupBy({ by: ["failureReason"], where, _count: { _all: true } }),
  ]);
  const lines = [
    `The login audit recorded ${total} failed sign-ins for ${login} (${membership.organisation.name}) in the last ${HOURS} hours.`,
    "",
    "By address:",
    ...byIp.map((g) => `- ${g.ip}${g.country ? ` (${g.country})` : ""}: ${g._count._all}, last at ${g._max.occurredAt?.toISOString() ?? "?"}`),
    "",
    "By reason:",
    ...byReason.map((g) => `- ${(g.failureReason ?? "OTHER").toLowerCase().replace(/_/g, " ")}: ${g._count._all}`),
  ];
  const ticket = await createTicket({
    organisationId: membership.organisationId,
    subject: `Sign-in attempts against ${login}: ${total} failures in ${HOURS} h`,
    description: lines.join("\n"),
    type: "technical_support",
    priority: "high",
    reporterName: user.name ?? login,
    reporterEmail: login,
    reporterUserId: user.id,
    origin: "provider",
    target: "customer",
    channel: "console",
    acknowledge: false,
    author: { kind: "agent", userId: actor.id, name: actor.name ?? actor.email, email: actor.email },
    now,
  }, db);
  await recordAccountAction(db, { action: "ticket.opened_from_burst", actorId: actor.id, userId: user.id, organisationId: membership.organisationId, detail: { ticket: ticket.number, failures: total } });
  return { number: ticket.number, organisationLabel: membership.organisation.label };
}
