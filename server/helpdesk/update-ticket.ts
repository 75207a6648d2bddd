import { TICKET_PRIORITY_INFO } from "@/lib/helpdesk/ticket-priorities";
import { TICKET_TYPE_INFO } from "@/lib/helpdesk/ticket-types";
import { SLA_TARGET_LABELS, type SlaTarget } from "@/lib/helpdesk/sla-states";
import type { UpdateTicketInput } from "@/lib/validators/helpdesk";
import type { DbOrTx } from "@/server/db";
import { invalidInput, TicketNotFoundError } from "./errors";
import { ticketSearchText } from "./search-text";
import { loadSlaSettings } from "./sla-settings";
import { refreshTicketSla } from "./ticket-sla";
import { applyStatusChange } from "./ticket-status";
import { recordTicketEvent, type TrailActor } from "./trail";

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Applies an agent's changes to a ticket, one trail entry per changed field.
 * A priority change recomputes the SLA deadlines from the original creation
 * time under the new priority's targets and records the moved deadlines.
 * Provider staff see every organisation, so the lookup is by id alone
 * (the caller is a provider procedure). Returns the changed field names.
 */
export async function unsafeUpdateTicket(
  tx: DbOrTx,
  input: UpdateTicketInput,
  actor: TrailActor,
  now: Date = new Date(),
): Promise<string[]> {
  const ticket = await tx.ticket.findUnique({
    where: { id: input.id },
    select: {
      id: true,
      organisationId: true,
      status: true,
      priority: true,
      type: true,
      teamId: true,
      assigneeId: true,
      tags: true,
      serviceAddress: true,
      affectedServices: true,
      deviceSerials: true,
      number: true,
      subject: true,
      description: true,
      reporterName: true,
      reporterEmail: true,
      firstResponseDueAt: true,
      nextUpdateDueAt: true,
      resolutionDueAt: true,
      team: { select: { name: true } },
      assignee: { select: { name: true, email: true } },
    },
  });
  if (!ticket) throw new TicketNotFoundError();
  const d = input.data;
  const base = { ticketId: ticket.id, organisationId: ticket.organisationId, actor, at: now };
  const changed: string[] = [];

  if (d.priority && d.priority !== ticket.priority) {
    await tx.ticket.update({ where: { id: ticket.id }, data: { priority: d.priority, updatedAt: now } });
    await recordTicketEvent(tx, {
      ...base,
      kind: "priority_changed",
      summary: `Priority: ${TICKET_PRIORITY_INFO[ticket.priority].label} → ${TICKET_PRIORITY_INFO[d.priority].label}`,
      data: { from: ticket.priority, to: d.priority },
    });
    changed.push("priority");
  }
  if (d.type && d.type !== ticket.type) {
    await tx.ticket.update({ where: { id: ticket.id }, data: { type: d.type, updatedAt: now } });
    await recordTicketEvent(tx, {
      ...base,
      kind: "type_changed",
      summary: `Type: ${TICKET_TYPE_INFO[ticket.type].label} → ${TICKET_TYPE_INFO[d.type].label}`,
      data: { from: ticket.type, to: d.type },
    });
    changed.push("type");
  }
  if (d.teamId !== undefined && d.teamId !== ticket.teamId) {
    const team = d.teamId ? await tx.team.findUnique({ where: { id: d.teamId }, select: { name: true } }) : null;
    if (d.teamId && !team) throw invalidInput("teamId", "Unknown team");
    await tx.ticket.update({ where: { id: ticket.id }, data: { teamId: d.teamId, updatedAt: now } });
    await recordTicketEvent(tx, {
      ...base,
      kind: "team_changed",
      summary: `Team: ${ticket.team?.name ?? "none"} → ${team?.name ?? "none"}`,
      data: { from: ticket.teamId, to: d.teamId },
    });
    changed.push("teamId");
  }
  if (d.assigneeId !== undefined && d.assigneeId !== ticket.assigneeId) {
    let assigneeName = "nobody";
    if (d.assigneeId) {
      const staff = await tx.membership.findFirst({
        where: { userId: d.assigneeId, role: { in: ["PROVIDER_ADMIN", "AGENT"] } },
        select: { user: { select: { name: true, email: true } } },
      });
      if (!staff) throw invalidInput("assigneeId", "The assignee must be a provider admin or agent");
      assigneeName = staff.user.name ?? staff.user.email;
    }
    await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId: d.assigneeId, updatedAt: now } });
    await recordTicketEvent(tx, {
      ...base,
      kind: "assigned",
      summary: `Assignee: ${ticket.assignee ? (ticket.assignee.name ?? ticket.assignee.email) : "nobody"} → ${assigneeName}`,
      data: { from: ticket.assigneeId, to: d.assigneeId },
    });
    changed.push("assigneeId");
  }

  const fieldChanges: Record<string, { from: unknown; to: unknown }> = {};
  if (d.tags && !sameList(d.tags, ticket.tags)) fieldChanges.tags = { from: ticket.tags, to: d.tags };
  if (d.serviceAddress !== undefined && d.serviceAddress !== ticket.serviceAddress) {
    fieldChanges.serviceAddress = { from: ticket.serviceAddress, to: d.serviceAddress };
  }
  if (d.affectedServices && !sameList(d.affectedServices, ticket.affectedServices)) {
    fieldChanges.affectedServices = { from: ticket.affectedServices, to: d.affectedServices };
  }
  if (d.deviceSerials && !sameList(d.deviceSerials, ticket.deviceSerials)) {
    fieldChanges.deviceSerials = { from: ticket.deviceSerials, to: d.deviceSerials };
  }
  const fieldNames = Object.keys(fieldChanges);
  if (fieldNames.length > 0) {
    await tx.ticket.update({
      where: { id: ticket.id },
      data: {
        updatedAt: now,
        ...(fieldChanges.tags ? { tags: d.tags } : {}),
        ...(fieldChanges.serviceAddress
          ? { serviceAddress: d.serviceAddress, searchText: ticketSearchText({ ...ticket, serviceAddress: d.serviceAddress }) }
          : {}),
        ...(fieldChanges.affectedServices ? { affectedServices: d.affectedServices } : {}),
        ...(fieldChanges.deviceSerials ? { deviceSerials: d.deviceSerials } : {}),
      },
    });
    await recordTicketEvent(tx, {
      ...base,
      kind: "fields_changed",
      summary: `Changed ${fieldNames.map(humanField).join(", ")}`,
      data: JSON.parse(JSON.stringify(fieldChanges)),
    });
    changed.push(...fieldNames);
  }

  if (d.status && d.status !== ticket.status) {
    await applyStatusChange(tx, ticket, d.status, actor, now);
    changed.push("status");
  }

  if (changed.length > 0) {
    const assessment = await refreshTicketSla(tx, ticket.id, { settings: await loadSlaSettings(tx), now });
    if (changed.includes("priority")) {
      const before: Record<SlaTarget, Date | null> = {
        first_response: ticket.firstResponseDueAt,
        next_update: ticket.nextUpdateDueAt,
        resolution: ticket.resolutionDueAt,
      };
      const moved = (Object.keys(before) as SlaTarget[])
        .map((t) => ({ target: t, from: before[t], to: assessment.targets[t].dueAt }))
        .filter((m) => (m.from?.getTime() ?? null) !== (m.to?.getTime() ?? null));
      if (moved.length > 0) {
        await recordTicketEvent(tx, {
          ...base,
          kind: "sla_due_changed",
          summary: `SLA deadlines recomputed: ${moved.map((m) => `${SLA_TARGET_LABELS[m.target]} ${m.to ? m.to.toISOString() : "—"}`).join("; ")}`,
          data: moved.map((m) => ({ target: m.target, from: m.from?.toISOString() ?? null, to: m.to?.toISOString() ?? null })),
        });
      }
    }
  }
  return changed;
}

function humanField(name: string): string {
  switch (name) {
    case "serviceAddress":
      return "service address";
    case "affectedServices":
      return "affected services";
    case "deviceSerials":
      return "device serials";
    default:
      return name;
  }
}
