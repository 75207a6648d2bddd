/**
 * The FieldJobGateway for Ascora connections, on the Ascora connector's HTTP
 * client (Basic auth, timeouts, call log, ConnectorErrors). Every call used
 * here is an assumed shape listed in ascora-assumed-api.ts (A5, A6, A17–A19).
 */
import type { Db } from "@/server/db";
import { ConnectorError } from "@/server/crm/connector";
import { connectorFor } from "@/server/crm/connection-runtime";
import type { AscoraConnector } from "@/server/crm/connectors/ascora/ascora-connector";
import {
  addJobAttachment,
  addJobNote,
  ascoraWebUrl,
  createJob,
  findJobByExternalReference,
  getJob,
  type AscoraJob,
} from "@/server/crm/connectors/ascora/ascora-assumed-api";
import type { FieldJobGateway, RemoteFieldJob } from "./field-job-gateway";

export async function createAscoraFieldJobGateway(db: Db, connectionId: string): Promise<FieldJobGateway> {
  const connection = await db.crmConnection.findUniqueOrThrow({ where: { id: connectionId } });
  const { http } = connectorFor(connection) as AscoraConnector;
  const toRemote = (job: AscoraJob): RemoteFieldJob => ({
    remoteId: job.JobId,
    jobNumber: job.JobNumber ?? null,
    status: job.Status?.trim() || "Unknown",
    statusChangedAt: job.LastModified ? new Date(job.LastModified) : null,
    url: ascoraWebUrl(connection.baseUrl, "Jobs", job.JobId),
  });
  return {
    async findJobByReference(reference) {
      const job = await findJobByExternalReference(http, reference);
      return job ? toRemote(job) : null;
    },
    async createJob(draft) {
      if (!draft.remoteCustomerId) {
        throw new ConnectorError("validation", "The ticket's customer is not linked to Ascora yet: sync the customer first, then create the job again", {
          operation: "jobs.create",
        });
      }
      const job = await createJob(http, {
        CustomerId: draft.remoteCustomerId,
        Description: draft.description,
        SiteAddress: draft.siteAddress,
        ExternalReference: draft.reference,
        JobName: draft.title,
        AffectedServices: [...draft.affectedServices],
        DeviceSerials: [...draft.deviceSerials],
      });
      return toRemote(job);
    },
    async getJobs(remoteIds) {
      // No batch read is assumed (A5): one GET per job; the pull only asks for active jobs.
      const jobs = await Promise.all(remoteIds.map((id) => getJob(http, id)));
      return jobs.flatMap((j) => (j ? [toRemote(j)] : []));
    },
    async addJobNote(remoteId, text, key) {
      const note = await addJobNote(http, remoteId, text, key);
      return { remoteId: note.NoteId };
    },
    async addJobAttachment(remoteId, file, key) {
      const att = await addJobAttachment(http, remoteId, { fileName: file.filename, contentType: file.contentType, content: Buffer.from(file.data) }, key);
      return { remoteId: att.AttachmentId };
    },
  };
}
