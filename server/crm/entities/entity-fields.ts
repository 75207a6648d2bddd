/**
 * The local side of field mappings: which field paths each synced entity
 * offers, their types and their default owner rules. The CRM owns the address
 * (people update it there), Switchboard owns the e-mail (it is how we reach
 * the customer); everything else goes to whichever side changed last.
 */
import type { OwnerRule } from "../engine/field-ownership";
import type { FieldType } from "../engine/field-values";

export interface LocalField {
  path: string;
  label: string;
  type: FieldType;
  defaultRule: OwnerRule;
}

const CUSTOMER_FIELDS: LocalField[] = [
  { path: "firstName", label: "First name (people)", type: "TEXT", defaultRule: "newest_wins" },
  { path: "lastName", label: "Last name (or company name)", type: "TEXT", defaultRule: "newest_wins" },
  { path: "name", label: "Full name", type: "TEXT", defaultRule: "newest_wins" },
  { path: "companyName", label: "Company name (a person's legal name)", type: "TEXT", defaultRule: "newest_wins" },
  { path: "email", label: "E-mail", type: "TEXT", defaultRule: "local_wins" },
  { path: "phone", label: "Phone", type: "TEXT", defaultRule: "newest_wins" },
  { path: "address.line1", label: "Address", type: "TEXT", defaultRule: "remote_wins" },
  { path: "address.line2", label: "Address line 2", type: "TEXT", defaultRule: "remote_wins" },
  { path: "address.city", label: "City", type: "TEXT", defaultRule: "remote_wins" },
  { path: "address.region", label: "Region", type: "TEXT", defaultRule: "remote_wins" },
  { path: "address.postalCode", label: "Postal code", type: "TEXT", defaultRule: "remote_wins" },
  { path: "address.country", label: "Country", type: "TEXT", defaultRule: "remote_wins" },
  { path: "taxId", label: "Tax id", type: "TEXT", defaultRule: "newest_wins" },
  { path: "kind", label: "Kind (person/company)", type: "TEXT", defaultRule: "local_wins" },
  { path: "id", label: "Switchboard id", type: "TEXT", defaultRule: "local_wins" },
];

const PAYMENT_SUMMARY_FIELDS: LocalField[] = [
  { path: "weekTotal", label: "Payments this week (total)", type: "NUMBER", defaultRule: "local_wins" },
  { path: "paymentCount", label: "Payments this week (count)", type: "NUMBER", defaultRule: "local_wins" },
  { path: "averagePayment", label: "Average payment this week", type: "NUMBER", defaultRule: "local_wins" },
  { path: "lastPaymentDate", label: "Last payment date", type: "DATE", defaultRule: "local_wins" },
];

export const ENTITY_FIELDS: Readonly<Record<string, readonly LocalField[]>> = {
  customer: CUSTOMER_FIELDS,
  payment_summary: PAYMENT_SUMMARY_FIELDS,
};

/** The local fields of an entity (empty for entities without mappings). */
export function localFieldsOf(entity: string): readonly LocalField[] {
  return ENTITY_FIELDS[entity] ?? [];
}

/** Default owner rule of a local path; custom mappings may override it. */
export function defaultRuleOf(entity: string, path: string): OwnerRule {
  return localFieldsOf(entity).find((f) => f.path === path)?.defaultRule ?? "newest_wins";
}
