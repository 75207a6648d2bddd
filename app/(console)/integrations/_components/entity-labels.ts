/** What the dashboard calls each kind of synced record (CRM_ENTITIES in server/crm/connector.ts). */
export const ENTITY_LABEL: Record<string, string> = {
  customer: "Customers",
  organisation: "Organisations",
  task: "Tasks",
  note: "Notes",
  user: "Staff accounts",
  payment_summary: "Payment summaries",
  field_job: "Field jobs",
  job_note: "Job notes",
  job_attachment: "Job attachments",
  external_invoice: "Invoices",
  external_payment: "Payments",
};

export const entityLabel = (entity: string) => ENTITY_LABEL[entity] ?? entity;
