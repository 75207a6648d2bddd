/**
 * How the engine reads and writes one kind of local record by field path,
 * without knowing its table. This is the one registry of entity adapters:
 * each entity kind (CrmEntity) that has local records adds its adapter to
 * ADAPTERS below (customers here; field jobs, job notes and attachments from
 * server/field-jobs; external invoices and payments from server/billing/external).
 * Entities without an adapter are operations (users, tasks, notes on customers).
 */
import type { DbOrTx } from "@/server/db";
import type { Canonical } from "../engine/field-values";
import { externalInvoiceAdapter, externalPaymentAdapter } from "@/server/billing/external/external-record-adapters";
import { fieldJobAdapter, jobAttachmentAdapter, jobNoteAdapter } from "@/server/field-jobs/field-job-adapters";
import { customerAdapter } from "./customer-adapter";

export interface LocalRecord {
  id: string;
  /** Values by local path (raw; the engine makes them canonical). */
  values: Record<string, unknown>;
  /** What a person calls the record (list views, notes). */
  label: string;
}

export interface SyncEntityAdapter {
  entity: string;
  /** The records that still exist, by id. */
  load(db: DbOrTx, ids: readonly string[]): Promise<Map<string, LocalRecord>>;
  /** Writes values that came from the CRM (by local path); must not enqueue a push back to the same CRM. */
  apply(db: DbOrTx, id: string, values: Record<string, Canonical>): Promise<void>;
  /** Creates a local record from a CRM record nobody here knew yet; returns its id. */
  createFromRemote(db: DbOrTx, values: Record<string, Canonical>): Promise<string>;
  /** Remembers the remote id on the record itself (e.g. Customer.externalIds). */
  rememberExternalId?(db: DbOrTx, id: string, key: string, externalId: string | null): Promise<void>;
  /** The same for many records in one statement. */
  rememberExternalIds?(db: DbOrTx, entries: readonly { id: string; key: string; externalId: string }[]): Promise<void>;
  /**
   * A local record that already is this CRM record nobody here knew yet (e.g. the same e-mail), so a pull
   * links it instead of making a twin; `note` says why none was taken when one nearly was.
   */
  findExisting?(db: DbOrTx, values: Record<string, Canonical>, connectionId: string): Promise<ExistingMatch>;
}

/** What findExisting found: the record to link, or none (with a note when the choice was ambiguous). */
export type ExistingMatch = { id: string } | { id: null; note: string | null };

const ADAPTERS: Record<string, SyncEntityAdapter> = {
  customer: customerAdapter,
  external_invoice: externalInvoiceAdapter,
  external_payment: externalPaymentAdapter,
  field_job: fieldJobAdapter,
  job_note: jobNoteAdapter,
  job_attachment: jobAttachmentAdapter,
};

/** The adapter for field-by-field entities, or null for entities handled by their own operation (users, tasks). */
export function entityAdapter(entity: string): SyncEntityAdapter | null {
  return Object.hasOwn(ADAPTERS, entity) ? ADAPTERS[entity]! : null;
}
