/**
 * What the console's ticket page shows and offers about field jobs: the
 * ticket's jobs with their link, number, status and what was sent, the
 * connections that take jobs, and the dialog's defaults from the ticket and
 * its customer. Provider staff only (the router's tier), who see every
 * client organisation's tickets.
 */
import type { Db, DbOrTx } from "@/server/db";
import { CrmError } from "@/server/crm/errors";
import { TicketNotFoundError } from "@/server/helpdesk/errors";
import { customerAddress } from "./auto-request-field-jobs";
import { FIELD_JOB_PROVIDERS } from "./field-job-providers";

export async function unsafeGetTicketFieldJobs(db: Db, ticketId: string) {
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: { id: true, organisationId: true, subject: true, description: true, serviceAddress: true, affectedServices: true, deviceSerials: true },
  });
  if (!ticket) throw new TicketNotFoundError();
  const [jobs, connections, address] = await Promise.all([
    db.fieldJob.findMany({
      where: { ticketId },
      orderBy: { createdAt: "desc" },
      include: { deliveries: { select: { kind: true, state: true } } },
    }),
    db.crmConnection.findMany({
      where: { provider: { in: [...FIELD_JOB_PROVIDERS] }, enabled: true, deletedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    ticket.serviceAddress ? Promise.resolve(ticket.serviceAddress) : customerAddress(db, ticket.organisationId),
  ]);
  const names = new Map(connections.map((c) => [c.id, c.name]));
  return {
    jobs: jobs.map(({ deliveries, ...job }) => ({
      ...job,
      connectionName: names.get(job.connectionId) ?? "Connection",
      sent: deliveries.filter((d) => d.state === "SENT").length,
      waiting: deliveries.filter((d) => d.state === "PENDING").length,
      failedDeliveries: deliveries.filter((d) => d.state === "FAILED").length,
    })),
    connections,
    defaults: {
      siteAddress: address ?? "",
      affectedServices: ticket.affectedServices,
      deviceSerials: ticket.deviceSerials,
      description: `${ticket.subject}\n\n${ticket.description}`.slice(0, 5_000),
    },
  };
}

/** Queues chosen attachments of the ticket for one of its jobs (each attachment once per job). */
export async function queueChosenAttachments(tx: DbOrTx, fieldJobId: string, attachmentIds: readonly string[]): Promise<number> {
  const job = await tx.fieldJob.findUnique({ where: { id: fieldJobId }, select: { id: true, ticketId: true, activeKey: true } });
  if (!job) throw new CrmError("not_found", "That field job was not found");
  if (!job.activeKey) throw new CrmError("bad_request", "That field job is no longer active");
  const found = await tx.ticketAttachment.findMany({ where: { id: { in: [...attachmentIds] }, ticketId: job.ticketId }, select: { id: true } });
  if (found.length !== new Set(attachmentIds).size) throw new CrmError("bad_request", "Choose attachments of this ticket", "attachmentIds");
  const created = await tx.fieldJobDelivery.createMany({
    skipDuplicates: true,
    data: found.map((a) => ({ fieldJobId: job.id, kind: "attachment", sourceId: a.id })),
  });
  return created.count;
}
