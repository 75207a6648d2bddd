/**
 * Earlier attachments of a ticket that an agent picks to send to one of its
 * field jobs (in the create dialog, or later from the job panel). Each goes to
 * a job once: the delivery row is unique per job and attachment, so picking
 * it again, a double click or a retried request queue nothing new.
 */
import type { DbOrTx } from "@/server/db";
import { CrmError } from "@/server/crm/errors";

/** Refuses ids that are not attachments of this ticket (another ticket's, or unknown), naming how many. */
export async function assertTicketAttachments(tx: DbOrTx, ticketId: string, attachmentIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(attachmentIds)];
  if (wanted.length === 0) return [];
  const found = await tx.ticketAttachment.findMany({ where: { id: { in: wanted }, ticketId }, select: { id: true } });
  const missing = wanted.length - found.length;
  if (missing > 0) {
    throw new CrmError(
      "bad_request",
      `${missing === 1 ? "One chosen attachment is" : `${missing} chosen attachments are`} not on this ticket: choose among the ticket's own attachments`,
      "attachmentIds",
    );
  }
  return wanted;
}

/** Queues the chosen attachments for the job; answers how many were new to it. */
export async function queueChosenAttachments(tx: DbOrTx, fieldJobId: string, attachmentIds: readonly string[]): Promise<number> {
  const job = await tx.fieldJob.findUnique({ where: { id: fieldJobId }, select: { id: true, ticketId: true, activeKey: true } });
  if (!job) throw new CrmError("not_found", "That field job was not found");
  if (!job.activeKey) throw new CrmError("bad_request", "That field job is over or failed: attachments can only go to an active job");
  const ids = await assertTicketAttachments(tx, job.ticketId, attachmentIds);
  if (ids.length === 0) return 0;
  const created = await tx.fieldJobDelivery.createMany({
    skipDuplicates: true,
    data: ids.map((id) => ({ fieldJobId: job.id, kind: "attachment", sourceId: id })),
  });
  return created.count;
}
