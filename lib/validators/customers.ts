/**
 * The one Customer schema: the console form, the customers tRPC router, the
 * billing API's identity resolution and the CRM all write the same row
 * through it. Nothing has a default here: a field left out of an update is
 * left alone (the database supplies defaults on create), so a caller that
 * does not know about the tax rate or the CRM's fields cannot reset them.
 */
import { z } from "zod";
import { taxRatePercentSchema } from "./billing";
import { pagingSchema } from "./common";
import { CRM_LINK_STATUSES } from "./crm";
import { storableString } from "./text";

export const CUSTOMER_KINDS = ["person", "company"] as const;
export type CustomerKindValue = (typeof CUSTOMER_KINDS)[number];

const optionalText = (label: string, max: number) =>
  storableString(label)
    .trim()
    .max(max, `${label} can be at most ${max} characters`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

const upperCode = (message: string, pattern: RegExp) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v === undefined ? undefined : v ? v.toUpperCase() : null))
    .refine((v) => v == null || pattern.test(v), message);

export const customerSchema = z.object({
  kind: z.enum(CUSTOMER_KINDS, { error: "Kind must be person or company" }).optional(),
  name: storableString("Name").trim().min(1, "Name is required").max(200, "Name can be at most 200 characters"),
  email: z
    .string()
    .trim()
    .max(254, "E-mail can be at most 254 characters")
    .nullish()
    .transform((v) => (v === undefined ? undefined : v ? v.toLowerCase() : null))
    .refine((v) => v == null || z.email().safeParse(v).success, "E-mail must be an address like accounts@example.com"),
  phone: optionalText("Phone", 40),
  addressLine1: optionalText("Address", 200),
  addressLine2: optionalText("Address line 2", 200),
  city: optionalText("City", 100),
  region: optionalText("Province or state", 100),
  postalCode: optionalText("Postal code", 20),
  country: upperCode("Country must be a two-letter code such as CA or AU", /^[A-Z]{2}$/),
  taxId: optionalText("Tax id", 64),
  legalName: optionalText("Legal name", 200),
  currency: upperCode("Currency must be a three-letter code such as CAD", /^[A-Z]{3}$/),
  taxRatePercent: taxRatePercentSchema.optional(),
  organisationId: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null)),
});
export type CustomerInput = z.input<typeof customerSchema>;
export type CustomerData = z.output<typeof customerSchema>;

/** Fields only billing admins may change (the tax rate lands on invoices). */
export const BILLING_CUSTOMER_FIELDS = ["taxRatePercent", "legalName", "currency"] as const;

export const listCustomersSchema = pagingSchema.extend({
  search: z.string().trim().max(200, "Search can be at most 200 characters").optional(),
  syncStatus: z.enum(CRM_LINK_STATUSES).optional(),
});
export type ListCustomersInput = z.infer<typeof listCustomersSchema>;

export const customerTaskSchema = z.object({
  customerId: z.string().min(1),
  subject: z.string().trim().min(1, "Subject is required").max(200, "Subject can be at most 200 characters"),
  description: z.string().trim().max(2000, "Description can be at most 2000 characters").optional(),
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Due date must be a date"),
});

export const customerNoteSchema = z.object({
  customerId: z.string().min(1),
  text: z.string().trim().min(1, "Write the note").max(4000, "A note can be at most 4000 characters"),
});
