/**
 * ASSUMED ASCORA API — everything here is OUR GUESS, not Ascora's document.
 *
 * Ascora publishes only its Accounting API (see ascora-accounting-api.ts).
 * Customers, jobs, job statuses, notes, attachments and webhooks have no public
 * document, so every call and shape below is an assumption, kept in this one
 * file so it can be corrected in one place once a customer shows us their
 * Ascora API. The fake (e2e/fakes/ascora) serves exactly these shapes.
 *
 *  A1 Invoice → customer: InvoiceHeader carries `CustomerId` (the Ascora customer's Guid).
 *     The document's field list was not readable past `Tax`; one third-party client
 *     reads `BillingCustomerId` instead — check this first on a real account.
 *  A2 Invoice lines: `InvoiceLines: [{ PartNumber, Description, Quantity, UnitPriceExTax,
 *     AmountExTax, Tax }]` (the document confirms a per-line `Tax` "for all items on this
 *     invoice Line"; the other names are assumed).
 *  A3 Payment (class named in the document, fields not readable): `{ Id: Guid, InvoiceId: Guid,
 *     PaymentDate: DateTime, Amount: decimal, PaymentMethod: string, Reference: string }`.
 *  A4 Customers, same base URL and Basic auth as the Accounting API, PascalCase JSON:
 *       GET    /customers?modifiedSince=ISO&page=N&pageSize=M → { Results: Customer[], HasMore }
 *              ordered by LastModified, then CustomerId; modifiedSince is inclusive
 *       GET    /customers?externalReference=X               → { Results: Customer[], HasMore:false }
 *       GET    /customers/{CustomerId}                      → Customer (404 when unknown)
 *       POST   /customers  Customer fields                  → Customer (201)
 *       PUT    /customers/{CustomerId}  partial fields      → Customer (absent fields unchanged)
 *       DELETE /customers/{CustomerId}                      → 204 (404 when already gone)
 *     Customer: CustomerId, CompanyName, FirstName, LastName, Email, Phone, Mobile, Address,
 *     Suburb, State, PostCode, Country, ABN, ExternalReference (our id), LastModified.
 *     Deletions: see A15.
 *  A5 Jobs: POST /jobs → Job; GET /jobs/{JobId}; GET /jobs?modifiedSince=&page=&pageSize=
 *     → { Results, HasMore }; PUT /jobs/{JobId} partial; Job: JobId, JobNumber, CustomerId,
 *     Status, Description, SiteAddress, ExternalReference (our id), LastModified.
 *  A6 Job notes and attachments: POST /jobs/{JobId}/notes { Note, ExternalReference } → { NoteId };
 *     POST /jobs/{JobId}/attachments { FileName, ContentType, ContentBase64, ExternalReference }
 *     → { AttachmentId }. A repeated ExternalReference returns the first one (no duplicate).
 *  A7 Webhooks: Ascora POSTs JSON with headers `X-Ascora-Timestamp` (unix seconds) and
 *     `X-Ascora-Signature` = hex HMAC-SHA256 of `${timestamp}.${rawBody}` with a shared secret.
 *  A8 Limits: HTTP 429 with Retry-After (seconds) when calls come too fast.
 *  A9 Web UI links: `${origin}/Customers/Details/{CustomerId}` and `${origin}/Jobs/Details/{JobId}`.
 *  A10 Currency: the Accounting API names none; amounts are taken as AUD (ExternalInvoice.currency).
 *  A11 DateTime in JSON: ISO 8601 or ServiceStack's "/Date(ms±zone)/" (both are read).
 *  A14 CompanyName (A4) is the business: a commercial customer's name, with FirstName/LastName
 *      its contact person or blank; a residential customer leaves it blank.
 *  A15 Deleted customers: the modifiedSince list (A4) also returns customers deleted at or
 *      after modifiedSince, as `{ CustomerId, IsDeleted: true, LastModified: <deleted at> }` in
 *      the same order; live customers carry `IsDeleted: false` (absent counts as false).
 *      GET /customers/{id} answers 404 for them and the externalReference lookup leaves them out.
 *  A16 GET /customers?email=X → { Results: Customer[], HasMore: false }: live customers whose
 *      Email equals X ignoring case, oldest first (adopting a customer Ascora already has).
 */
import { createHmac } from "node:crypto";
import { z } from "zod";
import { ConnectorError } from "../../connector";
import type { AscoraHttp } from "./ascora-http";

// ---------------------------------------------------------------- accounting shapes (A1–A3)

export interface AssumedInvoiceLine {
  PartNumber?: unknown;
  Description?: unknown;
  Quantity?: unknown;
  UnitPriceExTax?: unknown;
  AmountExTax?: unknown;
  Tax?: unknown;
}

export interface AssumedInvoiceFields {
  /** A1 */
  CustomerId?: unknown;
  /** A2 */
  InvoiceLines?: AssumedInvoiceLine[];
}

/** A3 */
export interface AssumedPayment {
  Id: unknown;
  InvoiceId: unknown;
  PaymentDate: unknown;
  Amount: unknown;
  PaymentMethod?: unknown;
  Reference?: unknown;
}

// ---------------------------------------------------------------- customers (A4)

export const ASCORA_CUSTOMER_FIELDS = [
  "CompanyName",
  "FirstName",
  "LastName",
  "Email",
  "Phone",
  "Mobile",
  "Address",
  "Suburb",
  "State",
  "PostCode",
  "Country",
  "ABN",
] as const;
/** Field holding our id on the Ascora record. */
export const ASCORA_EXTERNAL_KEY_FIELD = "ExternalReference";

export interface AscoraCustomer {
  CustomerId: string;
  LastModified?: string | null;
  ExternalReference?: string | null;
  /** A15 */
  IsDeleted?: boolean | null;
  [field: string]: unknown;
}

/** A15: a row of the modifiedSince list that says the customer was deleted. */
export function isDeletedCustomer(c: AscoraCustomer): boolean {
  return c.IsDeleted === true;
}

export interface AscoraPage<T> {
  Results: T[];
  HasMore: boolean;
}

function pageOf<T>(answer: unknown, operation: string): AscoraPage<T> {
  const a = answer as Partial<AscoraPage<T>> | null;
  if (!a || !Array.isArray(a.Results)) throw new ConnectorError("transient", `Ascora's ${operation} answer has no Results list`, { operation });
  return { Results: a.Results, HasMore: a.HasMore === true };
}

export async function listCustomersModifiedSince(
  http: AscoraHttp,
  since: Date,
  page: number,
  pageSize: number,
): Promise<AscoraPage<AscoraCustomer>> {
  const answer = await http.request({
    operation: "customers.list",
    path: "/customers",
    query: { modifiedSince: since.toISOString(), page: String(page), pageSize: String(pageSize) },
  });
  return pageOf<AscoraCustomer>(answer, "customers.list");
}

export async function findCustomerByExternalReference(http: AscoraHttp, localId: string): Promise<AscoraCustomer | null> {
  const answer = await http.request({ operation: "customers.find", path: "/customers", query: { externalReference: localId } });
  return pageOf<AscoraCustomer>(answer, "customers.find").Results[0] ?? null;
}

/** A16: live customers with this e-mail (any case), oldest first. */
export async function findCustomersByEmail(http: AscoraHttp, email: string): Promise<AscoraCustomer[]> {
  const answer = await http.request({ operation: "customers.findByEmail", path: "/customers", query: { email } });
  return pageOf<AscoraCustomer>(answer, "customers.findByEmail").Results;
}

/** The answer, or null when Ascora says the record does not exist (404). */
async function unlessMissing<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof ConnectorError && e.kind === "not_found") return null;
    throw e;
  }
}

/** The customer, or null when Ascora has none with that id. */
export function getCustomer(http: AscoraHttp, customerId: string): Promise<AscoraCustomer | null> {
  return unlessMissing(http.request<AscoraCustomer>({ operation: "customers.get", path: `/customers/${encodeURIComponent(customerId)}` }));
}

export function createCustomer(http: AscoraHttp, fields: Record<string, unknown>): Promise<AscoraCustomer> {
  return http.request<AscoraCustomer>({ operation: "customers.create", method: "POST", path: "/customers", body: fields });
}

export function updateCustomer(http: AscoraHttp, customerId: string, fields: Record<string, unknown>): Promise<AscoraCustomer> {
  return http.request<AscoraCustomer>({
    operation: "customers.update",
    method: "PUT",
    path: `/customers/${encodeURIComponent(customerId)}`,
    body: fields,
  });
}

/** true when deleted now, false when it was already gone. */
export async function deleteCustomer(http: AscoraHttp, customerId: string): Promise<boolean> {
  const done = await unlessMissing(
    http.request({ operation: "customers.delete", method: "DELETE", path: `/customers/${encodeURIComponent(customerId)}` }).then(() => true),
  );
  return done ?? false;
}

// ---------------------------------------------------------------- jobs, notes, attachments (A5, A6)

export interface AscoraJob {
  JobId: string;
  JobNumber?: string | null;
  CustomerId?: string | null;
  Status?: string | null;
  Description?: string | null;
  SiteAddress?: string | null;
  ExternalReference?: string | null;
  LastModified?: string | null;
  [field: string]: unknown;
}

export interface CreateJobFields {
  CustomerId: string;
  Description: string;
  SiteAddress?: string | null;
  /** Our id: a retried create finds the first job instead of making a second. */
  ExternalReference: string;
  [field: string]: unknown;
}

export function createJob(http: AscoraHttp, fields: CreateJobFields): Promise<AscoraJob> {
  return http.request<AscoraJob>({ operation: "jobs.create", method: "POST", path: "/jobs", body: fields });
}

export function getJob(http: AscoraHttp, jobId: string): Promise<AscoraJob | null> {
  return unlessMissing(http.request<AscoraJob>({ operation: "jobs.get", path: `/jobs/${encodeURIComponent(jobId)}` }));
}

export function updateJob(http: AscoraHttp, jobId: string, fields: Record<string, unknown>): Promise<AscoraJob> {
  return http.request<AscoraJob>({ operation: "jobs.update", method: "PUT", path: `/jobs/${encodeURIComponent(jobId)}`, body: fields });
}

export async function listJobsModifiedSince(http: AscoraHttp, since: Date, page: number, pageSize: number): Promise<AscoraPage<AscoraJob>> {
  const answer = await http.request({
    operation: "jobs.list",
    path: "/jobs",
    query: { modifiedSince: since.toISOString(), page: String(page), pageSize: String(pageSize) },
  });
  return pageOf<AscoraJob>(answer, "jobs.list");
}

export async function addJobNote(http: AscoraHttp, jobId: string, note: string, externalReference: string): Promise<{ NoteId: string }> {
  return http.request<{ NoteId: string }>({
    operation: "jobs.note",
    method: "POST",
    path: `/jobs/${encodeURIComponent(jobId)}/notes`,
    body: { Note: note, ExternalReference: externalReference },
  });
}

export async function addJobAttachment(
  http: AscoraHttp,
  jobId: string,
  file: { fileName: string; contentType: string; content: Buffer },
  externalReference: string,
): Promise<{ AttachmentId: string }> {
  return http.request<{ AttachmentId: string }>({
    operation: "jobs.attachment",
    method: "POST",
    path: `/jobs/${encodeURIComponent(jobId)}/attachments`,
    body: { FileName: file.fileName, ContentType: file.contentType, ContentBase64: file.content.toString("base64"), ExternalReference: externalReference },
  });
}

// ---------------------------------------------------------------- webhooks (A7) and links (A9)

export const ASCORA_WEBHOOK = {
  timestampHeader: "x-ascora-timestamp",
  signatureHeader: "x-ascora-signature",
  /** The signed text: `${timestamp}.${rawBody}`, HMAC-SHA256, hex. */
  signedText: (timestamp: string, rawBody: string) => `${timestamp}.${rawBody}`,
} as const;

/** Link that opens a record in Ascora's web UI (A9). */
export function ascoraWebUrl(baseUrl: string, module: string, id: string): string {
  const origin = new URL(baseUrl).origin;
  const area = module === "Jobs" ? "Jobs" : "Customers";
  return `${origin}/${area}/Details/${encodeURIComponent(id)}`;
}

// ================================================================ field jobs (s13b: server/field-jobs/)
// More ASSUMPTIONS, for jobs made from tickets and their webhooks:
//  A17 GET /jobs?externalReference=X → { Results: Job[], HasMore: false }, like customers (A4):
//      the lookup that keeps a retried create from making a second job.
//  A18 A job has no separate "status changed at": LastModified stands in for it.
//  A19 The create takes our extra fields as `AffectedServices` and `DeviceSerials` (string
//      arrays) and the title as `JobName`; an Ascora without them would ignore or refuse them.
//  A20 Webhook bodies (A7 headers) are JSON { id, type, data }: `id` is unique per event and
//      reused on redelivery; type "job.status_changed" has data { jobId, status, changedAt? }.

/** A17 */
export async function findJobByExternalReference(http: AscoraHttp, externalReference: string): Promise<AscoraJob | null> {
  const answer = await http.request({ operation: "jobs.find", path: "/jobs", query: { externalReference } });
  return pageOf<AscoraJob>(answer, "jobs.find").Results[0] ?? null;
}

/** A text field of a webhook body whose messages name it (missing vs. wrong type). */
const webhookText = (name: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
    .min(1, { error: `${name} is required` })
    .max(max, { error: `${name} must be at most ${max} characters` });

/** A20: the webhook body. */
export const ascoraWebhookBodySchema = z.object({
  id: webhookText("id", 200),
  type: webhookText("type", 100),
  data: z.record(z.string(), z.unknown(), { error: "data must be an object" }).default({}),
});

/** A20: data of a "job.status_changed" event. */
export const jobStatusChangedSchema = z.object({
  jobId: webhookText("data.jobId", 200),
  status: webhookText("data.status", 100),
  changedAt: z.iso.datetime({ offset: true, error: "data.changedAt must be an ISO 8601 date-time" }).optional(),
});

/** A7: the signature header's value for a body sent at `timestamp` (the fake Ascora signs with this too). */
export function signAscoraWebhook(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(ASCORA_WEBHOOK.signedText(timestamp, rawBody)).digest("hex");
}
