/**
 * Field jobs made by themselves for new tickets of the types an admin chose
 * per connection. Runs inside the ticket's creating transaction, so the job
 * request exists exactly when the ticket does; the remote create follows after
 * commit. A ticket without any address cannot become a job: the trail says so.
 */
import type { DbOrTx } from "@/server/db";
import type { TicketType } from "@/server/generated/prisma/client";
import { recordTicketEvent, SYSTEM_ACTOR } from "@/server/helpdesk/trail";
import { FIELD_JOB_PROVIDERS } from "./field-job-providers";
import { requestFieldJob } from "./request-field-job";

export interface AutoRequestTicket {
  id: string;
  organisationId: string;
  type: TicketType;
  subject: string;
  description: string;
  serviceAddress: string | null;
  affectedServices: string[];
  deviceSerials: string[];
}

/** Requests a job on every connection whose auto-create list holds the ticket's type; returns the new jobs' ids. */
export async function autoRequestFieldJobs(tx: DbOrTx, ticket: AutoRequestTicket): Promise<string[]> {
  const settings = await tx.fieldJobSettings.findMany({ where: { autoCreateTypes: { has: ticket.type } }, select: { connectionId: true } });
  if (settings.length === 0) return [];
  const connections = await tx.crmConnection.findMany({
    where: { id: { in: settings.map((s) => s.connectionId) }, enabled: true, deletedAt: null, provider: { in: [...FIELD_JOB_PROVIDERS] } },
    select: { id: true, name: true },
  });
  if (connections.length === 0) return [];
  const siteAddress = ticket.serviceAddress ?? (await customerAddress(tx, ticket.organisationId));
  if (!siteAddress) {
    await recordTicketEvent(tx, {
      ticketId: ticket.id,
      organisationId: ticket.organisationId,
      kind: "field_job_skipped",
      summary: "No field job was created automatically: the ticket and its customer have no address",
      actor: SYSTEM_ACTOR,
    });
    return [];
  }
  const ids: string[] = [];
  for (const connection of connections) {
    const { job, created } = await requestFieldJob(
      tx,
      {
        ticketId: ticket.id,
        connectionId: connection.id,
        siteAddress,
        affectedServices: ticket.affectedServices,
        deviceSerials: ticket.deviceSerials,
        description: `${ticket.subject}\n\n${ticket.description}`.slice(0, 5_000),
      },
      SYSTEM_ACTOR,
    );
    if (created) ids.push(job.id);
  }
  return ids;
}

/** The customer's postal address on one line, or null when it has none. */
export async function customerAddress(tx: DbOrTx, organisationId: string): Promise<string | null> {
  const c = await tx.customer.findFirst({
    where: { organisationId },
    orderBy: { createdAt: "asc" },
    select: { addressLine1: true, addressLine2: true, city: true, region: true, postalCode: true, country: true },
  });
  if (!c?.addressLine1) return null;
  return [c.addressLine1, c.addressLine2, c.city, [c.region, c.postalCode].filter(Boolean).join(" "), c.country].filter((p) => p && p.trim()).join(", ");
}
