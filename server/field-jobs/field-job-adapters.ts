/**
 * Field jobs, job notes and job attachments as sync entities: they have links
 * (our row ↔ the remote job, note or attachment) and show on the sync
 * dashboard by a readable label. They are written whole by their own queue
 * handlers (field-job-queue-handlers.ts), never field by field, so the
 * engine's field-by-field writes refuse them.
 */
import { ConnectorError } from "@/server/crm/connector";
import type { LocalRecord, SyncEntityAdapter } from "@/server/crm/entities/entity-adapter";
import { deliveryLabels } from "./job-deliveries";

function wholeOnly(entity: string): never {
  throw new ConnectorError("config", `${entity} records are sent whole by their own queue handler, not synced field by field`);
}

const jobName = (j: { jobNumber: string | null; reference: string }) => `Job ${j.jobNumber ?? j.reference}`;

export const fieldJobAdapter: SyncEntityAdapter = {
  entity: "field_job",
  async load(db, ids) {
    const rows = await db.fieldJob.findMany({ where: { id: { in: [...ids] } } });
    const tickets = new Map(
      (await db.ticket.findMany({ where: { id: { in: rows.map((r) => r.ticketId) } }, select: { id: true, number: true } })).map((t) => [t.id, t.number]),
    );
    return new Map<string, LocalRecord>(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          label: `${jobName(r)} (ticket ${tickets.get(r.ticketId) ?? "?"})`,
          values: { reference: r.reference, ticketId: r.ticketId, customerId: r.customerId, siteAddress: r.siteAddress, pushState: r.pushState },
        },
      ]),
    );
  },
  apply: () => wholeOnly("Field job"),
  createFromRemote: () => wholeOnly("Field job"),
};

function deliveryAdapter(entity: "job_note" | "job_attachment"): SyncEntityAdapter {
  return {
    entity,
    async load(db, ids) {
      const rows = await db.fieldJobDelivery.findMany({
        where: { id: { in: [...ids] } },
        include: { fieldJob: { select: { jobNumber: true, reference: true } } },
      });
      const labels = await deliveryLabels(db, rows);
      return new Map<string, LocalRecord>(
        rows.map((r) => [
          r.id,
          { id: r.id, label: `${labels.get(r.id)} to ${jobName(r.fieldJob)}`, values: { fieldJobId: r.fieldJobId, kind: r.kind, sourceId: r.sourceId, state: r.state } },
        ]),
      );
    },
    apply: () => wholeOnly(entity === "job_note" ? "Job note" : "Job attachment"),
    createFromRemote: () => wholeOnly(entity === "job_note" ? "Job note" : "Job attachment"),
  };
}

export const jobNoteAdapter = deliveryAdapter("job_note");
export const jobAttachmentAdapter = deliveryAdapter("job_attachment");
