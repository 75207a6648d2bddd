/**
 * Vtiger-specific defaults: which module holds each local entity, suggested
 * module settings for a new connection, and the default mapping from our
 * customer fields to Contacts/Accounts fields. Custom fields in a real
 * Vtiger are named like cf_853: admins pick them from the describe result.
 */
import type { CrmEntity, FieldMapping, ModuleSyncConfig } from "../../connector";

export const VTIGER_ENTITY_MODULES: Readonly<Partial<Record<CrmEntity, string>>> = {
  customer: "Contacts",
  organisation: "Accounts",
  task: "Calendar",
  note: "ModComments",
  user: "Users",
  payment_summary: "Contacts",
};

/** Suggested settings for a new Vtiger connection; the admin trims or extends them. */
export function defaultVtigerModules(): Record<string, ModuleSyncConfig> {
  return {
    Contacts: {
      fields: [
        "firstname",
        "lastname",
        "email",
        "phone",
        "mobile",
        "mailingstreet",
        "mailingcity",
        "mailingstate",
        "mailingzip",
        "mailingcountry",
        "cf_tax_id",
        "cf_weekly_payment_total",
        "cf_payment_count",
        "cf_last_payment_date",
      ],
      externalKeyField: "cf_switchboard_id",
    },
    Accounts: {
      fields: ["accountname", "email1", "phone", "bill_street", "bill_city", "bill_state", "bill_code", "bill_country", "cf_tax_id"],
      externalKeyField: "cf_switchboard_id",
    },
    Calendar: {
      fields: [
        "subject",
        "description",
        "activitytype",
        "date_start",
        "time_start",
        "due_date",
        "taskstatus",
        "taskpriority",
        "contact_id",
        "parent_id",
        "assigned_user_id",
      ],
    },
    ModComments: { fields: ["commentcontent", "related_to", "assigned_user_id"] },
    Users: {
      fields: ["user_name", "email1", "first_name", "last_name", "roleid", "status", "user_password", "confirm_password"],
    },
  };
}

const PERSON_MAPPINGS: FieldMapping[] = [
  { localPath: "firstName", remoteField: "firstname" },
  { localPath: "lastName", remoteField: "lastname" },
  { localPath: "email", remoteField: "email" },
  { localPath: "phone", remoteField: "phone" },
  { localPath: "address.line1", remoteField: "mailingstreet" },
  { localPath: "address.city", remoteField: "mailingcity" },
  { localPath: "address.region", remoteField: "mailingstate" },
  { localPath: "address.postalCode", remoteField: "mailingzip" },
  { localPath: "address.country", remoteField: "mailingcountry" },
  { localPath: "taxId", remoteField: "cf_tax_id" },
];

const ORGANISATION_MAPPINGS: FieldMapping[] = [
  { localPath: "name", remoteField: "accountname" },
  { localPath: "email", remoteField: "email1" },
  { localPath: "phone", remoteField: "phone" },
  { localPath: "address.line1", remoteField: "bill_street" },
  { localPath: "address.city", remoteField: "bill_city" },
  { localPath: "address.region", remoteField: "bill_state" },
  { localPath: "address.postalCode", remoteField: "bill_code" },
  { localPath: "address.country", remoteField: "bill_country" },
  { localPath: "taxId", remoteField: "cf_tax_id" },
];

/** The weekly payment summary (seed 004's custom fields on Contacts). */
const PAYMENT_SUMMARY_MAPPINGS: FieldMapping[] = [
  { localPath: "weekTotal", remoteField: "cf_weekly_payment_total" },
  { localPath: "paymentCount", remoteField: "cf_payment_count" },
  { localPath: "lastPaymentDate", remoteField: "cf_last_payment_date" },
];

/** Default field mappings per entity (custom mappings from the UI come on top). */
export function defaultVtigerFieldMappings(entity: CrmEntity): FieldMapping[] {
  switch (entity) {
    case "customer":
      return PERSON_MAPPINGS.map((m) => ({ ...m }));
    case "organisation":
      return ORGANISATION_MAPPINGS.map((m) => ({ ...m }));
    case "payment_summary":
      return PAYMENT_SUMMARY_MAPPINGS.map((m) => ({ ...m }));
    default:
      return [];
  }
}
