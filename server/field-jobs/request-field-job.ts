/**
 * Asking for a field job on a ticket (from the console dialog or the
 * auto-create rule). The row is written first, in the caller's transaction,
 * with an `activeKey` that is unique per ticket and connection: a double
 * click, a retried request or the auto-create racing an agent all land on the
 * one job. The key is released when the job fails or reaches a status that
 * ends it (apply-job-status.ts), so a ticket can then get its next job, while
 * two active jobs on one ticket and connection stay impossible. Attachments the
 * agent picked are queued for the job in the same transaction. The remote
 * create happens after commit (push-field-job.ts).
 */
import crypto from "node:crypto";
import type { CreateFieldJobInput } from "@/lib/validators/field-jobs";
import type { DbOrTx } from "@/server/db";
import type { FieldJob } from "@/server/generated/prisma/client";
import { CrmError } from "@/server/crm/errors";
import { TicketNotFoundError } from "@/server/helpdesk/errors";
import { recordTicketEvent, type TrailActor } from "@/server/helpdesk/trail";
import { FIELD_JOB_PROVIDERS } from "./field-job-providers";
import { assertTicketAttachments, queueChosenAttachments } from "./queue-chosen-attachments";

export interface RequestFieldJobResult {
  job: FieldJob;
  /** false when an active job already existed (the request folded into it). */
  created: boolean;
  /** Chosen attachments newly queued for the job. */
  attachmentsQueued: number;
}

export type RequestFieldJobInput = Omit<CreateFieldJobInput, "attachmentIds"> & { attachmentIds?: readonly string[] };

export function activeKeyOf(ticketId: string, connectionId: string): string {
  return `${ticketId}:${connectionId}`;
}

/** The connection, if it exists, its provider takes field jobs and (unless only being configured) it is enabled; otherwise a form error. */
export async function getFieldJobConnectionOrThrow(tx: DbOrTx, connectionId: string, opts: { requireEnabled: boolean } = { requireEnabled: true }) {
  const connection = await tx.crmConnection.findFirst({
    where: { id: connectionId, deletedAt: null },
    select: { id: true, name: true, provider: true, enabled: true },
  });
  if (!connection) throw new CrmError("not_found", "That connection was not found", "connectionId");
  if (!FIELD_JOB_PROVIDERS.has(connection.provider)) {
    throw new CrmError("bad_request", `Connection "${connection.name}" cannot take field jobs`, "connectionId");
  }
  if (opts.requireEnabled && !connection.enabled) throw new CrmError("bad_request", `Connection "${connection.name}" is disabled`, "connectionId");
  return connection;
}

export async function requestFieldJob(
  tx: DbOrTx,
  input: RequestFieldJobInput,
  actor: TrailActor,
): Promise<RequestFieldJobResult> {
  const ticket = await tx.ticket.findUnique({ where: { id: input.ticketId }, select: { id: true, number: true, organisationId: true } });
  if (!ticket) throw new TicketNotFoundError();
  const connection = await getFieldJobConnectionOrThrow(tx, input.connectionId);
  const attachmentIds = await assertTicketAttachments(tx, ticket.id, input.attachmentIds ?? []);
  const activeKey = activeKeyOf(ticket.id, connection.id);
  const withAttachments = async (job: FieldJob, created: boolean): Promise<RequestFieldJobResult> => ({
    job,
    created,
    attachmentsQueued: attachmentIds.length > 0 ? await queueChosenAttachments(tx, job.id, attachmentIds) : 0,
  });

  const existing = await tx.fieldJob.findUnique({ where: { activeKey } });
  if (existing) return withAttachments(existing, false);

  const customer = await tx.customer.findFirst({
    where: { organisationId: ticket.organisationId },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  const id = crypto.randomUUID();
  // ON CONFLICT DO NOTHING: a concurrent request that won the unique activeKey leaves this
  // transaction usable (a caught unique violation would abort it), and we answer with its job.
  await tx.fieldJob.createMany({
    skipDuplicates: true,
    data: {
      id,
      organisationId: ticket.organisationId,
      ticketId: ticket.id,
      connectionId: connection.id,
      customerId: customer?.id ?? null,
      reference: `${ticket.number}-${id.slice(0, 8).toUpperCase()}`,
      activeKey,
      siteAddress: input.siteAddress,
      affectedServices: input.affectedServices,
      deviceSerials: input.deviceSerials,
      description: input.description,
      createdById: actor.userId ?? null,
    },
  });
  const job = await tx.fieldJob.findUniqueOrThrow({ where: { activeKey } });
  if (job.id !== id) return withAttachments(job, false);
  await recordTicketEvent(tx, {
    ticketId: ticket.id,
    organisationId: ticket.organisationId,
    kind: "field_job_requested",
    summary: `Field job requested in ${connection.name}`,
    actor,
    data: { fieldJobId: job.id, connectionId: connection.id, attachments: attachmentIds.length },
  });
  return withAttachments(job, true);
}
