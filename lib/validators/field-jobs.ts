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

/** "Create field job" on a ticket. */
export const createFieldJobSchema = fieldJobFieldsSchema.extend({
  ticketId: z.string().min(1),
  connectionId: z.string().min(1, { error: "Choose a connection" }),
});
export type CreateFieldJobInput = z.infer<typeof createFieldJobSchema>;

const ticketStatus = z.enum(TICKET_STATUSES, { error: (iss) => `Unknown ticket status "${String(iss.input)}"` });
const ticketType = z.enum(TICKET_TYPES, { error: (iss) => `Unknown ticket type "${String(iss.input)}"` });

/** The admin's mapping: each remote status to a ticket status, or null for "trail only". */
export const statusMappingSchema = z.object({
  connectionId: z.string().min(1),
  rows: z
    .array(z.object({ remoteStatus: requiredText("Ascora status", 100), ticketStatus: ticketStatus.nullable() }))
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
