/**
 * What the console's ticket page shows and offers about field jobs: the
 * ticket's jobs with their link, number, status and what was sent, the
 * connections that take jobs, the ticket's attachments an agent may pick to
 * send, and the dialog's defaults from the ticket and its customer. Provider staff only (the router's tier), who see every
 * client organisation's tickets.
 */
import type { Db } from "@/server/db";
import { TicketNotFoundError } from "@/server/helpdesk/errors";
import { customerAddress } from "./auto-request-field-jobs";
import { FIELD_JOB_PROVIDERS } from "./field-job-providers";

export async function unsafeGetTicketFieldJobs(db: Db, ticketId: string) {
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: { id: true, organisationId: true, subject: true, description: true, serviceAddress: true, affectedServices: true, deviceSerials: true },
  });
  if (!ticket) throw new TicketNotFoundError();
  const [jobs, connections, address, attachments] = await Promise.all([
    db.fieldJob.findMany({
      where: { ticketId },
      orderBy: { createdAt: "desc" },
      include: { deliveries: { select: { kind: true, state: true, sourceId: true } } },
    }),
    db.crmConnection.findMany({
      where: { provider: { in: [...FIELD_JOB_PROVIDERS] }, enabled: true, deletedAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    ticket.serviceAddress ? Promise.resolve(ticket.serviceAddress) : customerAddress(db, ticket.organisationId),
    db.ticketAttachment.findMany({
      where: { ticketId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, filename: true, contentType: true, sizeBytes: true, createdAt: true, message: { select: { visibility: true } } },
    }),
  ]);
  const names = new Map(connections.map((c) => [c.id, c.name]));
  return {
    jobs: jobs.map(({ deliveries, ...job }) => ({
      ...job,
      connectionName: names.get(job.connectionId) ?? "Connection",
      sent: deliveries.filter((d) => d.state === "SENT").length,
      waiting: deliveries.filter((d) => d.state === "PENDING").length,
      failedDeliveries: deliveries.filter((d) => d.state === "FAILED").length,
      /** Attachments already sent or queued for this job: shown ticked, not offered again. */
      attachmentIds: deliveries.filter((d) => d.kind === "attachment" && d.state !== "FAILED").map((d) => d.sourceId),
    })),
    connections,
    attachments: attachments.map(({ message, ...a }) => ({ ...a, internal: message.visibility !== "public" })),
    defaults: {
      siteAddress: address ?? "",
      affectedServices: ticket.affectedServices,
      deviceSerials: ticket.deviceSerials,
      description: `${ticket.subject}\n\n${ticket.description}`.slice(0, 5_000),
    },
  };
}
