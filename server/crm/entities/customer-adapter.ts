/**
 * Customers as the sync engine sees them: flat field paths (firstName,
 * address.city, …) over the Customer row. A person's name is split into
 * first and last name at the last space ("Mary Ann Smith" → "Mary Ann" /
 * "Smith") and joined again when the CRM changes either half, so the round
 * trip is stable; a company's name travels as the last name. `companyName`
 * (Ascora's CompanyName) is a company's own name, or the business a person
 * is billed as (their legal name); a record pulled with a company name and
 * no person's name becomes a company.
 */
import type { DbOrTx } from "@/server/db";
import type { Customer, Prisma } from "@/server/generated/prisma/client";
import type { Canonical } from "../engine/field-values";
import type { LocalRecord, SyncEntityAdapter } from "./entity-adapter";
import { findCustomerByEmail } from "./match-customer-by-email";

/** Splits a person's name into first and last name. */
export function splitPersonName(name: string): { firstName: string | null; lastName: string } {
  const t = name.trim().replace(/\s+/g, " ");
  const at = t.lastIndexOf(" ");
  return at <= 0 ? { firstName: null, lastName: t } : { firstName: t.slice(0, at), lastName: t.slice(at + 1) };
}

type CustomerFields = Pick<
  Customer,
  "id" | "kind" | "name" | "email" | "phone" | "addressLine1" | "addressLine2" | "city" | "region" | "postalCode" | "country" | "taxId" | "legalName"
>;

/** The customer's values by local path. */
export function customerValues(c: CustomerFields): Record<string, unknown> {
  const names = c.kind === "person" ? splitPersonName(c.name) : { firstName: null, lastName: c.name };
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    firstName: names.firstName,
    lastName: names.lastName,
    companyName: c.kind === "company" ? c.name : c.legalName,
    email: c.email,
    phone: c.phone,
    "address.line1": c.addressLine1,
    "address.line2": c.addressLine2,
    "address.city": c.city,
    "address.region": c.region,
    "address.postalCode": c.postalCode,
    "address.country": c.country,
    taxId: c.taxId,
  };
}

const COLUMN_OF: Record<string, keyof Prisma.CustomerUpdateInput> = {
  email: "email",
  phone: "phone",
  "address.line1": "addressLine1",
  "address.line2": "addressLine2",
  "address.city": "city",
  "address.region": "region",
  "address.postalCode": "postalCode",
  "address.country": "country",
  taxId: "taxId",
};

/** The Customer update for values from the CRM, given the current row. */
export function customerUpdateFromValues(current: CustomerFields, values: Record<string, Canonical>): Prisma.CustomerUpdateInput {
  const data: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const column = COLUMN_OF[path];
    if (!column) continue;
    // The CRM may send "au"; we keep ISO codes upper-case and e-mails lower-case.
    data[column] = value === null ? null : path === "address.country" ? value.toUpperCase() : path === "email" ? value.toLowerCase() : value;
  }
  if (values.name !== undefined && values.name !== null) data.name = values.name;
  else if (values.firstName !== undefined || values.lastName !== undefined) {
    const now = customerValues(current);
    const first = values.firstName !== undefined ? values.firstName : (now.firstName as string | null);
    const last = values.lastName !== undefined ? values.lastName : (now.lastName as string | null);
    const joined = current.kind === "person" ? [first, last].filter(Boolean).join(" ") : (last ?? "");
    // A CRM that clears both halves does not leave us a nameless customer.
    if (joined.trim()) data.name = joined.trim();
  }
  if (values.companyName !== undefined) {
    // A company's name wins over the last name that also carries it; a company is never left nameless.
    if (current.kind === "person") data.legalName = values.companyName;
    else if (values.companyName !== null) data.name = values.companyName;
  }
  return data as Prisma.CustomerUpdateInput;
}

const SELECT = {
  id: true,
  kind: true,
  name: true,
  email: true,
  phone: true,
  addressLine1: true,
  addressLine2: true,
  city: true,
  region: true,
  postalCode: true,
  country: true,
  taxId: true,
  legalName: true,
} as const;

export const customerAdapter: SyncEntityAdapter = {
  entity: "customer",

  async load(db, ids) {
    const rows = await db.customer.findMany({ where: { id: { in: [...ids] } }, select: SELECT });
    return new Map<string, LocalRecord>(rows.map((c) => [c.id, { id: c.id, values: customerValues(c), label: c.name }]));
  },

  async apply(db, id, values) {
    const current = await db.customer.findUnique({ where: { id }, select: SELECT });
    if (!current) return;
    const data = customerUpdateFromValues(current, values);
    if (Object.keys(data).length) await db.customer.update({ where: { id }, data });
  },

  async createFromRemote(db, values) {
    const kind = values.companyName && !values.firstName && !values.lastName && !values.name ? "company" : "person";
    const fresh: CustomerFields = {
      id: "",
      kind,
      name: "",
      email: null,
      phone: null,
      addressLine1: null,
      addressLine2: null,
      city: null,
      region: null,
      postalCode: null,
      country: null,
      taxId: null,
      legalName: null,
    };
    const data = customerUpdateFromValues(fresh, values) as Record<string, unknown>;
    const name = typeof data.name === "string" && data.name.trim() ? data.name : (values.email ?? "Unnamed contact");
    const created = await db.customer.create({ data: { ...(data as Prisma.CustomerCreateInput), kind, name } });
    return created.id;
  },

  findExisting: findCustomerByEmail,

  async rememberExternalIds(db: DbOrTx, entries) {
    if (entries.length === 0) return;
    await db.$executeRaw`
      UPDATE "Customer" c SET "externalIds" = c."externalIds" || jsonb_build_object(v.key, v.ext)
      FROM jsonb_to_recordset(${JSON.stringify(entries.map((e) => ({ id: e.id, key: e.key, ext: e.externalId })))}::jsonb)
        AS v(id text, key text, ext text)
      WHERE c."id" = v.id`;
  },

  async rememberExternalId(db: DbOrTx, id, key, externalId) {
    // jsonb update in SQL: no read-modify-write race, and updatedAt stays a record of real edits.
    if (externalId === null) {
      await db.$executeRaw`UPDATE "Customer" SET "externalIds" = "externalIds" - ${key} WHERE id = ${id}`;
    } else {
      await db.$executeRaw`UPDATE "Customer" SET "externalIds" = "externalIds" || jsonb_build_object(${key}::text, ${externalId}::text) WHERE id = ${id}`;
    }
  },
};
