/**
 * Ascora-specific defaults: which Ascora area holds each local entity, the
 * suggested module settings of a new connection and the default customer
 * mapping. Module names are ours (Ascora's API has no module list); the
 * customer field names are assumption A4 in ascora-assumed-api.ts.
 */
import type { CrmEntity, FieldMapping, ModuleSyncConfig } from "../../connector";
import { ASCORA_CUSTOMER_FIELDS, ASCORA_EXTERNAL_KEY_FIELD } from "./ascora-assumed-api";

export const ASCORA_MODULES = {
  customers: "Customers",
  jobs: "Jobs",
  jobNotes: "JobNotes",
  jobAttachments: "JobAttachments",
  invoices: "Invoices",
  payments: "Payments",
} as const;

export const ASCORA_ENTITY_MODULES: Readonly<Partial<Record<CrmEntity, string>>> = {
  customer: ASCORA_MODULES.customers,
  field_job: ASCORA_MODULES.jobs,
  job_note: ASCORA_MODULES.jobNotes,
  job_attachment: ASCORA_MODULES.jobAttachments,
  external_invoice: ASCORA_MODULES.invoices,
  external_payment: ASCORA_MODULES.payments,
};

/** Suggested settings for a new Ascora connection. */
export function defaultAscoraModules(): Record<string, ModuleSyncConfig> {
  return {
    [ASCORA_MODULES.customers]: { fields: [...ASCORA_CUSTOMER_FIELDS], externalKeyField: ASCORA_EXTERNAL_KEY_FIELD },
    [ASCORA_MODULES.jobs]: { fields: ["CustomerId", "Description", "SiteAddress", "Status"], externalKeyField: ASCORA_EXTERNAL_KEY_FIELD },
    [ASCORA_MODULES.jobNotes]: { fields: ["Note"] },
    [ASCORA_MODULES.jobAttachments]: { fields: ["FileName", "ContentType"] },
    [ASCORA_MODULES.invoices]: { fields: [] },
    [ASCORA_MODULES.payments]: { fields: [] },
  };
}

const CUSTOMER_MAPPINGS: FieldMapping[] = [
  { localPath: "firstName", remoteField: "FirstName" },
  { localPath: "lastName", remoteField: "LastName" },
  { localPath: "companyName", remoteField: "CompanyName" },
  { localPath: "email", remoteField: "Email" },
  { localPath: "phone", remoteField: "Phone" },
  { localPath: "address.line1", remoteField: "Address" },
  { localPath: "address.city", remoteField: "Suburb" },
  { localPath: "address.region", remoteField: "State" },
  { localPath: "address.postalCode", remoteField: "PostCode" },
  { localPath: "address.country", remoteField: "Country" },
  { localPath: "taxId", remoteField: "ABN" },
];

export function defaultAscoraFieldMappings(entity: CrmEntity): FieldMapping[] {
  return entity === "customer" ? CUSTOMER_MAPPINGS.map((m) => ({ ...m })) : [];
}
