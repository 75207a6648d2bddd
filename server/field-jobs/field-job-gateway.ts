/**
 * What field-job work needs from a field-service system (Ascora today). The
 * domain code in server/field-jobs/ talks only to this interface; the Ascora
 * implementation lives with the connector (its job calls are assumed shapes,
 * listed in server/crm/connectors/ascora/ascora-assumed-api.ts). Failures are
 * ConnectorErrors, so retry decisions are the engine's usual ones.
 */

export interface FieldJobDraft {
  /** Our reference, stored on the remote job: the lookup key for a retried create. */
  reference: string;
  /** The remote customer id the job is for, when the customer is linked. */
  remoteCustomerId: string | null;
  customerName: string | null;
  siteAddress: string;
  affectedServices: readonly string[];
  deviceSerials: readonly string[];
  description: string;
  /** Ticket number and subject, for the technician. */
  title: string;
}

export interface RemoteFieldJob {
  remoteId: string;
  jobNumber: string | null;
  status: string;
  /** When the remote says the status last changed; null when it does not say. */
  statusChangedAt: Date | null;
  url: string;
}

export interface FieldJobAttachmentUpload {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface FieldJobGateway {
  /** The job carrying our reference, if an earlier attempt made one. */
  findJobByReference(reference: string): Promise<RemoteFieldJob | null>;
  createJob(draft: FieldJobDraft, idempotencyKey: string): Promise<RemoteFieldJob>;
  /** The current state of these jobs; unknown ids are left out. */
  getJobs(remoteIds: readonly string[]): Promise<RemoteFieldJob[]>;
  addJobNote(remoteId: string, text: string, idempotencyKey: string): Promise<{ remoteId: string }>;
  addJobAttachment(remoteId: string, file: FieldJobAttachmentUpload, idempotencyKey: string): Promise<{ remoteId: string }>;
}

/** Builds the gateway for one connection (decrypted credentials stay in memory). */
export type FieldJobGatewayFactory = (connectionId: string) => Promise<FieldJobGateway>;
