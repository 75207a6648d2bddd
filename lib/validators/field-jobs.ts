/**
 * Field jobs (Ascora jobs made from tickets): the create dialog, the admin's
 * status mapping and auto-create settings, and the jobs list. Shared by the
 * console forms and the fieldJobs tRPC router.
 */
import { z } from "zod";
import { TICKET_STATUSES, TICKET_TYPES } from "@/lib/helpdesk/constants";
import { storableString } from "./text";

function requiredText(label: string, max: number) {
  return storableString(label)
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });
}

/** Short labels (services, serials): trimmed, blanks and duplicates dropped. */
function labels(label: string, maxItems: number, maxLength: number) {
  return z
    .array(storableString(`Each ${label}`).trim().max(maxLength, { error: `Each ${label} must be at most ${maxLength} characters` }))
    .max(maxItems, { error: `At most ${maxItems} ${label}s` })
    .default([])
    .transform((items) => [...new Set(items.filter((i) => i !== ""))]);
}

export const fieldJobFieldsSchema = z.object({
  siteAddress: requiredText("Site address", 500),
  affectedServices: labels("affected service", 50, 100),
  deviceSerials: labels("device serial", 100, 100),
  description: requiredText("Description", 5_000),
});

/** Earlier attachments of the ticket chosen to go to a job (checked against the ticket on the server). */
export const chosenAttachmentsSchema = z
  .array(z.string().min(1))
  .max(20, { error: "Choose at most 20 attachments" })
  .default([])
  .transform((ids) => [...new Set(ids)]);

/** "Create field job" on a ticket. */
export const createFieldJobSchema = fieldJobFieldsSchema.extend({
  ticketId: z.string().min(1),
  connectionId: z.string().min(1, { error: "Choose a connection" }),
  attachmentIds: chosenAttachmentsSchema,
});
export type CreateFieldJobInput = z.infer<typeof createFieldJobSchema>;

/** "Send attachments" on one of the ticket's active jobs. */
export const sendFieldJobAttachmentsSchema = z.object({
  fieldJobId: z.string().min(1),
  attachmentIds: chosenAttachmentsSchema.refine((ids) => ids.length > 0, { error: "Choose at least one attachment" }),
});

const ticketStatus = z.enum(TICKET_STATUSES, { error: (iss) => `Unknown ticket status "${String(iss.input)}"` });
const ticketType = z.enum(TICKET_TYPES, { error: (iss) => `Unknown ticket type "${String(iss.input)}"` });

/**
 * Statuses that end a job when no admin mapped them (and that the settings
 * form ticks for a new row). Ascora's status names are not documented
 * (ascora-assumed-api.ts), so these are the plain words; the migration that
 * added `endsJob` uses the same list.
 */
const DEFAULT_ENDING_STATUSES: ReadonlySet<string> = new Set(["completed", "complete", "cancelled", "canceled", "closed"]);

export function isDefaultEndingStatus(remoteStatus: string): boolean {
  return DEFAULT_ENDING_STATUSES.has(remoteStatus.trim().toLowerCase());
}

/** The admin's mapping: each remote status to a ticket status (or null for "trail only"), and whether it ends the job. */
export const statusMappingSchema = z.object({
  connectionId: z.string().min(1),
  rows: z
    .array(
      z.object({
        remoteStatus: requiredText("Ascora status", 100),
        ticketStatus: ticketStatus.nullable(),
        /** The job is over at this status: the ticket may then get a new one. */
        endsJob: z.boolean().default(false),
      }),
    )
    .max(100, { error: "At most 100 statuses" })
    .refine((rows) => new Set(rows.map((r) => r.remoteStatus.toLowerCase())).size === rows.length, {
      error: "Each Ascora status may appear only once",
    }),
});
export type StatusMappingInput = z.infer<typeof statusMappingSchema>;

export const autoCreateSettingsSchema = z.object({
  connectionId: z.string().min(1),
  ticketTypes: z.array(ticketType).max(TICKET_TYPES.length).transform((t) => [...new Set(t)]),
});

export const FIELD_JOB_PUSH_STATES = ["PENDING", "CREATED", "FAILED"] as const;

export const listFieldJobsSchema = z.object({
  connectionId: z.string().min(1),
  search: z.string().trim().max(200).optional(),
  /** A remote status ("Scheduled") or a push state ("PENDING", "FAILED"). */
  status: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ListFieldJobsInput = z.infer<typeof listFieldJobsSchema>;
