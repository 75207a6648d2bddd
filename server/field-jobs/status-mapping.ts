/**
 * The admin's mapping from a remote job status to a ticket status. Remote
 * statuses are free text in Ascora, so they match case-insensitively; a
 * status nobody mapped only writes the trail.
 */
import type { StatusMappingInput } from "@/lib/validators/field-jobs";
import type { DbOrTx } from "@/server/db";
import type { TicketStatus } from "@/server/generated/prisma/client";

export interface StatusMappingRow {
  remoteStatus: string;
  ticketStatus: TicketStatus | null;
}

export async function listStatusMappings(db: DbOrTx, connectionId: string): Promise<StatusMappingRow[]> {
  return db.fieldJobStatusMapping.findMany({
    where: { connectionId },
    orderBy: { remoteStatus: "asc" },
    select: { remoteStatus: true, ticketStatus: true },
  });
}

/** The ticket status a remote status maps to, or null (unmapped, or mapped to "trail only"). */
export function mapRemoteStatus(rows: readonly StatusMappingRow[], remoteStatus: string): TicketStatus | null {
  const wanted = remoteStatus.trim().toLowerCase();
  return rows.find((r) => r.remoteStatus.trim().toLowerCase() === wanted)?.ticketStatus ?? null;
}

/** Replaces the connection's whole mapping with the admin's table (one transaction). */
export async function saveStatusMappings(tx: DbOrTx, input: StatusMappingInput, userId: string | null): Promise<void> {
  await tx.fieldJobStatusMapping.deleteMany({ where: { connectionId: input.connectionId } });
  if (input.rows.length === 0) return;
  await tx.fieldJobStatusMapping.createMany({
    data: input.rows.map((r) => ({ connectionId: input.connectionId, remoteStatus: r.remoteStatus, ticketStatus: r.ticketStatus, updatedById: userId })),
  });
}
