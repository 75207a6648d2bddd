import { z } from "zod";
import {
  ALLOWED_ATTACHMENT_CONTENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_TOTAL_ATTACHMENT_BYTES,
  base64DecodedLength,
  isAllowedAttachmentContentType,
  isBase64,
  normalizeContentType,
  sanitizeAttachmentFilename,
} from "@/lib/helpdesk/attachment-rules";
import {
  ACTOR_KINDS,
  DEFAULT_TICKET_PRIORITY,
  SLA_STATES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
} from "@/lib/helpdesk/constants";
import { TICKET_NUMBER_PATTERN } from "@/lib/helpdesk/ticket-number-format";
import { storableJsonObject, storableString } from "./text";

export {
  businessCalendarSchema,
  openingHoursSchema,
  slaPoliciesSchema,
  slaPolicySchema,
  slaSettingsSchema,
} from "@/lib/helpdesk/sla-config";
export {
  ALLOWED_ATTACHMENT_CONTENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_TOTAL_ATTACHMENT_BYTES,
} from "@/lib/helpdesk/attachment-rules";

/*
 * Shared by forms, tRPC procedures and the REST intake API. Every message names
 * the field's problem in words a client developer can act on, because the
 * intake API returns them verbatim in its 422 `details`.
 */

// ── 1. Field building blocks ────────────────────────────────────────────────

/** An enum whose errors say what was sent and what would have been accepted. */
function namedEnum<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined || iss.input === null
        ? `${capitalise(what)} is required`
        : `Unknown ${what} "${String(iss.input)}"; use one of: ${values.join(", ")}`,
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Trimmed text between `min` and `max` characters. */
function text(label: string, min: number, max: number) {
  return storableString(label)
    .trim()
    .min(min, {
      error: min === 1 ? `${label} must not be empty` : `${label} must be at least ${min} characters`,
    })
    .max(max, { error: `${label} must be at most ${max} characters` });
}

/** Trimmed optional text; an empty form field means "not given". */
function optionalText(label: string, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    text(label, 1, max).optional(),
  );
}

/** An id chosen in a form (organisation, team, user); "" means none. */
function optionalId(label: string) {
  return optionalText(label, 100);
}

/** An e-mail address, trimmed and lower-cased so reporter matching is exact. */
function emailAddress(label: string) {
  return storableString(label)
    .trim()
    .toLowerCase()
    .min(1, { error: `${label} is required` })
    .pipe(
      z
        .email({ error: (iss) => `${label} "${String(iss.input)}" is not a valid e-mail address` })
        .max(254, { error: `${label} must be at most 254 characters` }),
    );
}

/** A list of short labels, trimmed, without blanks or duplicates. */
function labelList(label: string, maxItems: number, maxLength: number, lowerCase = false) {
  return z
    .array(
      storableString(`Each ${label}`)
        .trim()
        .max(maxLength, { error: `Each ${label} must be at most ${maxLength} characters` }),
      { error: `${capitalise(label)}s must be a list` },
    )
    .max(maxItems, { error: `At most ${maxItems} ${label}s` })
    .default([])
    .transform((items) => [
      ...new Set(items.map((i) => (lowerCase ? i.toLowerCase() : i)).filter((i) => i !== "")),
    ]);
}

export const ticketTypeSchema = namedEnum(TICKET_TYPES, "ticket type").describe(
  "One of the 12 ticket types, e.g. technical_support",
);
export const ticketPrioritySchema = namedEnum(TICKET_PRIORITIES, "priority").describe(
  "low, normal, high or urgent",
);
export const ticketStatusSchema = namedEnum(TICKET_STATUSES, "status");
export const actorKindSchema = namedEnum(ACTOR_KINDS, "actor kind");
export const slaStateSchema = namedEnum(SLA_STATES, "SLA state");

/** A ticket number in a URL or API path, e.g. TCK-7KQ4MZ2XHD9P. */
export const ticketNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(TICKET_NUMBER_PATTERN, {
    error: (iss) => `"${String(iss.input)}" is not a ticket number (TCK- followed by 12 characters)`,
  })
  .describe("Ticket number, e.g. TCK-7KQ4MZ2XHD9P");

// ── 2. Attachments ─────────────────────────────────────────────────────────

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;

/** One file sent inline as base64 (intake API, reply forms). */
export const attachmentInputSchema = z
  .object({
    filename: z
      .string({ error: "Attachment filename is required" })
      .transform(sanitizeAttachmentFilename)
      .refine((name) => name !== "", { error: "Attachment filename must not be empty" })
      .describe("File name shown to readers, e.g. screenshot.png"),
    contentType: z
      .string({ error: "Attachment content type is required" })
      .refine(isAllowedAttachmentContentType, {
        error: (iss) =>
          `Attachment content type "${String(iss.input)}" is not allowed; use one of: ${ALLOWED_ATTACHMENT_CONTENT_TYPES.join(", ")}`,
      })
      .transform(normalizeContentType)
      .describe("MIME type of the file, e.g. image/png"),
    data: z
      .string({ error: "Attachment data is required" })
      .refine(isBase64, { error: "Attachment data must be base64 (no data: prefix, no line breaks)" })
      .refine((d) => base64DecodedLength(d) <= MAX_ATTACHMENT_BYTES, {
        error: (iss) =>
          `Attachment is ${mb(base64DecodedLength(String(iss.input)))}; the limit is ${mb(MAX_ATTACHMENT_BYTES)}`,
      })
      .describe(`File contents, base64-encoded; at most ${mb(MAX_ATTACHMENT_BYTES)} decoded`),
  })
  .describe("A file attached to the message");

export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

const attachmentList = z
  .array(attachmentInputSchema, { error: "Attachments must be a list" })
  .max(MAX_ATTACHMENTS_PER_MESSAGE, { error: `At most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message` })
  .refine(
    (files) => files.reduce((sum, f) => sum + base64DecodedLength(f.data), 0) <= MAX_TOTAL_ATTACHMENT_BYTES,
    { error: `Attachments may total at most ${mb(MAX_TOTAL_ATTACHMENT_BYTES)} per message` },
  )
  .default([]);

// ── 3. Tickets and replies ─────────────────────────────────────────────────

const subject = text("Subject", 3, 200).describe("Short summary, 3–200 characters");
const description = text("Description", 1, 20_000).describe("What happened, up to 20,000 characters");
const serviceAddress = optionalText("Service address", 500).describe(
  "Address of the site the ticket is about",
);
const affectedServices = labelList("affected service", 50, 100).describe(
  'Services affected, e.g. ["internet", "voip"]',
);
const deviceSerials = labelList("device serial", 100, 100).describe("Serial numbers of devices involved");

/** A ticket filed from the console by provider staff, on behalf of a client. */
export const createTicketSchema = z.object({
  subject,
  description,
  type: ticketTypeSchema,
  priority: ticketPrioritySchema.default(DEFAULT_TICKET_PRIORITY),
  organisationId: text("Organisation", 1, 100).describe("Client organisation the ticket belongs to"),
  reporterName: text("Reporter name", 1, 200),
  reporterEmail: emailAddress("Reporter e-mail"),
  serviceAddress,
  affectedServices,
  deviceSerials,
  tags: labelList("tag", 20, 50, true),
  teamId: optionalId("Team"),
  assigneeId: optionalId("Assignee"),
  /** Omitted: a console ticket is filed for the customer. */
  origin: actorKindSchema.optional(),
  /** Omitted: the routing default for origin and type. */
  target: actorKindSchema.optional(),
});

export type CreateTicketInput = z.infer<typeof createTicketSchema>;
export type CreateTicketFormValues = z.input<typeof createTicketSchema>;

/**
 * A ticket filed by client staff in My Tickets: the organisation comes from the
 * session and routing is always customer → provider, so neither is accepted.
 */
export const clientCreateTicketSchema = createTicketSchema.omit({
  organisationId: true,
  tags: true,
  teamId: true,
  assigneeId: true,
  origin: true,
  target: true,
});

export type ClientCreateTicketInput = z.infer<typeof clientCreateTicketSchema>;

export const MESSAGE_VISIBILITIES = ["public", "internal"] as const;
export type MessageVisibility = (typeof MESSAGE_VISIBILITIES)[number];

/** A message on a ticket. Client roles and magic-link pages may only post public ones. */
export const replySchema = z.object({
  body: text("Message", 1, 20_000),
  visibility: namedEnum(MESSAGE_VISIBILITIES, "visibility").default("public"),
  attachments: attachmentList,
});

export type ReplyInput = z.infer<typeof replySchema>;

/** Largest diagnostics object accepted, measured as JSON. */
export const MAX_DIAGNOSTICS_BYTES = 32 * 1024;

// POST /api/v1/tickets body
export const intakeTicketSchema = z.object({
  name: text("Name", 1, 200).describe("Name of the person filing the ticket (your signed-in user)"),
  email: emailAddress("E-mail").describe("E-mail of that person; follow-up links are sent here"),
  subject,
  description,
  type: ticketTypeSchema,
  priority: ticketPrioritySchema.default(DEFAULT_TICKET_PRIORITY).describe("Defaults to normal"),
  serviceAddress,
  affectedServices,
  deviceSerials,
  attachments: attachmentList.describe(
    `Up to ${MAX_ATTACHMENTS_PER_MESSAGE} files of at most ${mb(MAX_ATTACHMENT_BYTES)} each`,
  ),
  diagnostics: storableJsonObject("Diagnostics")
    .refine((d) => Object.keys(d).length <= 100, { error: "Diagnostics may have at most 100 keys" })
    .refine((d) => new TextEncoder().encode(JSON.stringify(d)).length <= MAX_DIAGNOSTICS_BYTES, {
      error: `Diagnostics may be at most ${MAX_DIAGNOSTICS_BYTES / 1024} KB as JSON`,
    })
    .optional()
    .describe("Context from your app (version, browser, account id…), shown to agents only"),
});

export type IntakeTicketInput = z.infer<typeof intakeTicketSchema>;

// ── 4. Ticket lists ────────────────────────────────────────────────────────

export const TICKET_SORT_FIELDS = [
  "updatedAt",
  "createdAt",
  "priority",
  "status",
  "number",
  "subject",
  "dueAt",
  /** The agent queue: breached first, then the soonest SLA deadline. */
  "queue",
] as const;
export type TicketSortField = (typeof TICKET_SORT_FIELDS)[number];

export const MAX_PAGE_SIZE = 100;

/** Accepts a list, one value, or "a,b" (query strings), always yielding a list. */
function filterList<T extends z.ZodType<string>>(item: T) {
  return z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).max(100, { error: "At most 100 values per filter" }).default([]),
  );
}

const sortSchema = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const [field, dir] = v.split(":");
    return { field, dir: dir || undefined };
  },
  z
    .object({
      field: namedEnum(TICKET_SORT_FIELDS, "sort field").default("queue"),
      dir: namedEnum(["asc", "desc"], "sort direction").default("asc"),
    })
    .default({ field: "queue", dir: "asc" }),
);

/**
 * Search, filters, sort and page of a ticket list (console and inbox). Empty
 * filter lists mean "any". `dueAt` sorts by the nearest running SLA deadline.
 */
export const ticketListQuerySchema = z.object({
  search: optionalText("Search", 200).describe("Matches number, subject, reporter or description"),
  status: filterList(ticketStatusSchema),
  priority: filterList(ticketPrioritySchema),
  type: filterList(ticketTypeSchema),
  teamId: filterList(z.string().trim().min(1)),
  organisationId: filterList(z.string().trim().min(1)),
  slaState: filterList(slaStateSchema),
  /** "me" (the caller), "none" (unassigned) or staff user ids. */
  assignee: filterList(z.string().trim().min(1).max(100)),
  sort: sortSchema,
  /**
   * Keyset paging: the opaque cursor of the row before ("after") or after
   * ("before") the wanted page, from the previous answer. `page` then only
   * labels the page; without a cursor `page` is an offset.
   */
  after: z.string().trim().max(500).optional(),
  before: z.string().trim().max(500).optional(),
  page: z.coerce
    .number({ error: "Page must be a number" })
    .int({ error: "Page must be a whole number" })
    .min(1, { error: "Page starts at 1" })
    .default(1),
  pageSize: z.coerce
    .number({ error: "Page size must be a number" })
    .int({ error: "Page size must be a whole number" })
    .min(1, { error: "Page size must be at least 1" })
    .max(MAX_PAGE_SIZE, { error: `Page size may be at most ${MAX_PAGE_SIZE}` })
    .default(25),
});

export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

/** A saved ticket-list view: a name and the list's query string. */
export const ticketViewSchema = z.object({
  name: text("View name", 1, 60),
  query: z.string().max(2000, { error: "The view's filters are too long" }),
  shared: z.boolean().default(false),
});
export type TicketViewInput = z.infer<typeof ticketViewSchema>;

export const BULK_TICKET_LIMIT = 100;

/**
 * One change applied to many tickets (the list's bulk actions). Exactly one
 * field; `close` is status "closed". Each ticket succeeds or fails on its own.
 */
export const bulkUpdateTicketsSchema = z.object({
  ids: z
    .array(z.string().min(1).max(100))
    .min(1, { error: "Select at least one ticket" })
    .max(BULK_TICKET_LIMIT, { error: `At most ${BULK_TICKET_LIMIT} tickets at a time` }),
  data: z
    .object({
      status: ticketStatusSchema.optional(),
      priority: ticketPrioritySchema.optional(),
      teamId: z.string().trim().min(1).nullable().optional(),
      assigneeId: z.string().trim().min(1).nullable().optional(),
    })
    .refine((d) => Object.values(d).filter((v) => v !== undefined).length === 1, { error: "Choose one change" }),
});
export type BulkUpdateTicketsInput = z.infer<typeof bulkUpdateTicketsSchema>;
export type TicketListQueryInput = z.input<typeof ticketListQuerySchema>;

// ── 5. Console actions, inbox and settings ─────────────────────────────────

/**
 * Changes an agent makes on the ticket page; only the fields sent change.
 * `null` clears team or assignee.
 */
export const updateTicketSchema = z.object({
  id: z.string().min(1),
  data: z
    .object({
      status: ticketStatusSchema.optional(),
      priority: ticketPrioritySchema.optional(),
      type: ticketTypeSchema.optional(),
      teamId: z.string().trim().min(1).nullable().optional(),
      assigneeId: z.string().trim().min(1).nullable().optional(),
      tags: labelList("tag", 20, 50, true).optional(),
      serviceAddress: z
        .preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), text("Service address", 1, 500).nullable())
        .optional(),
      affectedServices: affectedServices.optional(),
      deviceSerials: deviceSerials.optional(),
    })
    .refine((d) => Object.values(d).some((v) => v !== undefined), { error: "Nothing to change" }),
});

export type UpdateTicketInput = z.infer<typeof updateTicketSchema>;

/** A console reply or note, by ticket id. */
export const consoleReplySchema = replySchema.extend({
  ticketId: z.string().min(1),
  /** Optionally move the ticket in the same step (e.g. reply and wait on the customer). */
  status: ticketStatusSchema.optional(),
  /** Internal notes only: also send the note to the ticket's field jobs. */
  forFieldTeam: z.boolean().default(false),
});

export const INBOX_SCOPES = ["mine", "all"] as const;
export type InboxScope = (typeof INBOX_SCOPES)[number];

/** My Tickets list: "all" is honoured for client admins only (checked on the server). */
export const inboxListQuerySchema = z.object({
  scope: namedEnum(INBOX_SCOPES, "scope").default("mine"),
  search: optionalText("Search", 200),
  status: filterList(ticketStatusSchema),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export type InboxListQuery = z.infer<typeof inboxListQuerySchema>;

/** A reply from My Tickets or a magic-link page: always public. */
export const customerReplySchema = z.object({
  body: text("Message", 1, 20_000),
  attachments: attachmentList,
});

export type CustomerReplyInput = z.infer<typeof customerReplySchema>;

export const teamSchema = z.object({
  name: text("Team name", 2, 80),
  description: optionalText("Description", 500),
});

export const createApiKeySchema = z.object({
  organisationId: text("Organisation", 1, 100),
  name: text("Key name", 2, 80).describe("What the key is for, e.g. Entech portal"),
});

/** New ticket from My Tickets: the client form plus optional files. */
export const inboxCreateTicketSchema = clientCreateTicketSchema.extend({ attachments: attachmentList });
export type InboxCreateTicketInput = z.infer<typeof inboxCreateTicketSchema>;
