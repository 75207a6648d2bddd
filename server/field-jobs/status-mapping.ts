/**
 * The admin's mapping from a remote job status to a ticket status, and
 * whether that status ends the job. Remote statuses are free text in Ascora,
 * so they match case-insensitively; a status nobody mapped only writes the
 * trail, and ends the job when it is one of the plain end words below.
 */
import { isDefaultEndingStatus, type StatusMappingInput } from "@/lib/validators/field-jobs";
import type { DbOrTx } from "@/server/db";
import type { TicketStatus } from "@/server/generated/prisma/client";

export interface StatusMappingRow {
  remoteStatus: string;
  ticketStatus: TicketStatus | null;
  endsJob: boolean;
}

const normalise = (status: string) => status.trim().toLowerCase();

function findRow(rows: readonly StatusMappingRow[], remoteStatus: string): StatusMappingRow | undefined {
  const wanted = normalise(remoteStatus);
  return rows.find((r) => normalise(r.remoteStatus) === wanted);
}

export async function listStatusMappings(db: DbOrTx, connectionId: string): Promise<StatusMappingRow[]> {
  return db.fieldJobStatusMapping.findMany({
    where: { connectionId },
    orderBy: { remoteStatus: "asc" },
    select: { remoteStatus: true, ticketStatus: true, endsJob: true },
  });
}

/** The ticket status a remote status maps to, or null (unmapped, or mapped to "trail only"). */
export function mapRemoteStatus(rows: readonly StatusMappingRow[], remoteStatus: string): TicketStatus | null {
  return findRow(rows, remoteStatus)?.ticketStatus ?? null;
}

/** Whether the job is over at this status: the admin's row says, else the default end words. */
export function statusEndsJob(rows: readonly StatusMappingRow[], remoteStatus: string): boolean {
  return findRow(rows, remoteStatus)?.endsJob ?? isDefaultEndingStatus(remoteStatus);
}

/** Replaces the connection's whole mapping with the admin's table (one transaction). */
export async function saveStatusMappings(tx: DbOrTx, input: StatusMappingInput, userId: string | null): Promise<void> {
  await tx.fieldJobStatusMapping.deleteMany({ where: { connectionId: input.connectionId } });
  if (input.rows.length === 0) return;
  await tx.fieldJobStatusMapping.createMany({
    data: input.rows.map((r) => ({ connectionId: input.connectionId, remoteStatus: r.remoteStatus, ticketStatus: r.ticketStatus, endsJob: r.endsJob, updatedById: userId })),
  });
}
