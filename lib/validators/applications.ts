import { z } from "zod";
import { APPLICATION_STATUSES, INTAKE_MODES } from "@/lib/applications/application-status";
import { TICKET_NUMBER_PATTERN } from "@/lib/helpdesk/ticket-number-format";
import { pagingSchema } from "./common";

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .optional()
    .transform((v) => (v ? v : undefined));

export const applicationStatusSchema = z.enum(APPLICATION_STATUSES, { error: "Unknown application status" });
export const intakeModeSchema = z.enum(INTAKE_MODES, { error: "Pick bundled, separate or remote" });

/** Application numbers in URLs, e.g. APP-7KQ4MZ2X. */
export const applicationNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^APP-[0-9A-Z]{8}$/, { error: "Not an application number (APP- followed by 8 characters)" });

export const createApplicationSchema = z.object({
  organisationId: z.string({ error: "Pick the client organisation" }).min(1, { error: "Pick the client organisation" }),
  applicantName: text("Applicant", 200),
  program: text("Program", 120),
  reference: optionalText("Reference", 120),
  ticketNumber: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || TICKET_NUMBER_PATTERN.test(v), { error: "Ticket number looks like TCK- followed by 12 characters" }),
  signaturePages: z
    .array(z.number().int().min(1).max(500), { error: "Signature pages must be page numbers" })
    .min(1, { error: "Name at least one signature page" })
    .max(10, { error: "At most 10 signature pages" })
    .default([11, 12]),
  formPageCount: z.number().int().min(1).max(500).default(14),
  status: z.enum(["assessment_completed", "waiting_for_application"]).default("assessment_completed"),
});
export type CreateApplicationInput = z.infer<typeof createApplicationSchema>;
export type CreateApplicationFormValues = z.input<typeof createApplicationSchema>;

export const applicationListQuerySchema = pagingSchema.extend({
  search: z.string().trim().max(200).optional(),
  status: applicationStatusSchema.optional(),
  organisationId: z.string().min(1).optional(),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const changeApplicationStatusSchema = z.object({
  id: z.string().min(1),
  to: applicationStatusSchema,
  note: optionalText("Note", 2000),
});

/** The text fields of the "Application received" form (files travel as multipart parts). */
export const markReceivedFieldsSchema = z.object({
  mode: intakeModeSchema,
  note: optionalText("Note", 2000),
});

export const requestSignatureFieldsSchema = z.object({
  page: z.coerce.number({ error: "Page must be a number" }).int({ error: "Page must be a whole number" }).min(1, { error: "Page must be 1 or more" }).max(500),
  signerName: text("Signer name", 200),
  signerEmail: z.email({ error: "Enter a valid e-mail address" }).trim().toLowerCase(),
  relationship: text("Relationship", 100),
});
export type RequestSignatureFields = z.infer<typeof requestSignatureFieldsSchema>;

/** What the signer confirms on the public page. */
export const signatureConfirmationSchema = z.object({
  signedName: text("Your full name", 200),
  signedRelationship: text("Relationship to the applicant", 100),
  signedOn: z.iso.date({ error: "Date must be a date (YYYY-MM-DD)" }),
  signatureKind: z.enum(["drawn", "typed"], { error: "Draw or type your signature" }),
  /** data:image/png;base64,… from the drawing pad. */
  signatureImage: z.string().max(1_500_000, { error: "The drawn signature is too large" }).optional(),
  typedSignature: optionalText("Typed signature", 120),
});
export type SignatureConfirmation = z.infer<typeof signatureConfirmationSchema>;
