import { z } from "zod";
import { pagingSchema } from "./common";

/** Engagement states, in the order reports show them. */
export const APPROVAL_STATES = ["pending", "approved", "rejected", "superseded"] as const;
export type ApprovalStateValue = (typeof APPROVAL_STATES)[number];

export const APPROVAL_STATE_LABELS: Record<ApprovalStateValue, string> = {
  pending: "Awaiting",
  approved: "Approved",
  rejected: "Rejected",
  superseded: "Superseded",
};

/** Most tickets in one bulk request (one e-mail with one card each). */
export const MAX_BULK_APPROVAL_TICKETS = 25;
export const APPROVAL_SUMMARY_MAX_CHARS = 4_000;
export const APPROVAL_NOTE_MAX_CHARS = 2_000;
export const APPROVAL_COMMENT_MAX_CHARS = 2_000;
export const MAX_REMINDER_DAYS = 60;

/**
 * The owner contact of a client organisation. Both blank clears it (approvals
 * then stay off for that organisation); otherwise both are required.
 */
export const ownerContactSchema = z
  .object({
    ownerName: z.string().trim().max(120, { message: "Keep the name under 120 characters" }),
    ownerEmail: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .refine((v) => v === "" || z.email().safeParse(v).success, { message: "Enter a valid e-mail address" }),
  })
  .superRefine((value, ctx) => {
    if (value.ownerName === "" && value.ownerEmail !== "") {
      ctx.addIssue({ code: "custom", path: ["ownerName"], message: "Enter the owner's name as well" });
    }
    if (value.ownerEmail === "" && value.ownerName !== "") {
      ctx.addIssue({ code: "custom", path: ["ownerEmail"], message: "Enter the owner's e-mail as well" });
    }
  });
export type OwnerContactInput = z.infer<typeof ownerContactSchema>;

/** A provider admin edits any client organisation's owner contact. */
export const organisationOwnerContactSchema = z.object({
  organisationId: z.string().min(1),
  data: ownerContactSchema,
});

export const MAX_LINK_EXPIRY_DAYS = 365;

/** Whole days from a form field; a blank field is "no answer", not 0 (which would silently turn reminders off). */
function days(min: number, minMessage: string, max: number) {
  return z.coerce
    .number({ message: "Enter a number of days" })
    .int({ message: "Use whole days" })
    .min(min, { message: minMessage })
    .max(max, { message: `At most ${max} days` });
}

const blankAsMissing = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const approvalSettingsSchema = z.object({
  reminderDays: z.preprocess(blankAsMissing, days(0, "Use 0 to turn reminders off", MAX_REMINDER_DAYS)),
  /** Days the links keep working after sending; omitted keeps the saved value. */
  linkExpiryDays: z.preprocess(blankAsMissing, days(1, "Links must work for at least 1 day", MAX_LINK_EXPIRY_DAYS).optional()),
});
export type ApprovalSettingsInput = z.infer<typeof approvalSettingsSchema>;

const ticketIdsSchema = z
  .array(z.string().min(1))
  .min(1, { message: "Select at least one ticket" })
  .max(MAX_BULK_APPROVAL_TICKETS, { message: `Select at most ${MAX_BULK_APPROVAL_TICKETS} tickets at once` })
  .refine((ids) => new Set(ids).size === ids.length, { message: "A ticket is selected twice" });

/** Opening the wizard: one ticket (re-engagement allowed) or a bulk selection (stricter rules). */
export const prepareApprovalSchema = z.object({
  ticketIds: ticketIdsSchema,
  mode: z.enum(["single", "bulk"]),
});
export type PrepareApprovalInput = z.infer<typeof prepareApprovalSchema>;

export const draftSummariesSchema = z.object({ ticketIds: ticketIdsSchema });

export const sendApprovalRequestSchema = z
  .object({
    ticketIds: ticketIdsSchema,
    mode: z.enum(["single", "bulk"]),
    note: z.string().trim().max(APPROVAL_NOTE_MAX_CHARS, { message: `Keep the note under ${APPROVAL_NOTE_MAX_CHARS} characters` }).default(""),
    summaries: z.array(
      z.object({
        ticketId: z.string().min(1),
        summary: z
          .string()
          .trim()
          .max(APPROVAL_SUMMARY_MAX_CHARS, { message: `Keep each summary under ${APPROVAL_SUMMARY_MAX_CHARS} characters` }),
      }),
    ),
    /** The agent chose to send without a brief; otherwise every ticket needs one. */
    sendWithoutSummary: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.mode === "single" && value.ticketIds.length !== 1) {
      ctx.addIssue({ code: "custom", path: ["ticketIds"], message: "A single request is for exactly one ticket" });
    }
    const ids = new Set(value.ticketIds);
    for (const [index, s] of value.summaries.entries()) {
      if (!ids.has(s.ticketId)) ctx.addIssue({ code: "custom", path: ["summaries", index, "ticketId"], message: "Summary for a ticket that is not selected" });
    }
    if (!value.sendWithoutSummary) {
      const written = new Set(value.summaries.filter((s) => s.summary !== "").map((s) => s.ticketId));
      const missing = value.ticketIds.filter((id) => !written.has(id)).length;
      if (missing > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["summaries"],
          message: `${missing === 1 ? "A ticket has" : `${missing} tickets have`} no summary: write one, or choose "Send without a summary"`,
        });
      }
    }
  });
export type SendApprovalRequestInput = z.infer<typeof sendApprovalRequestSchema>;

const dateInput = z.coerce.date({ message: "Enter a valid date" });

/** Reporting filters: organisation, state and a sent-date range. */
export const approvalReportFilterSchema = z.object({
  organisationId: z.string().min(1).optional(),
  from: dateInput.optional(),
  to: dateInput.optional(),
});
export type ApprovalReportFilter = z.infer<typeof approvalReportFilterSchema>;

export const listApprovalEngagementsSchema = pagingSchema.extend({
  organisationId: z.string().min(1).optional(),
  state: z.enum(APPROVAL_STATES).optional(),
  from: dateInput.optional(),
  to: dateInput.optional(),
  /** Only requests still pending more than 7 days after sending. */
  stuck: z.boolean().optional(),
});
export type ListApprovalEngagementsInput = z.infer<typeof listApprovalEngagementsSchema>;

export const ticketApprovalStatesSchema = z.object({
  ticketIds: z.array(z.string().min(1)).max(200),
});

/** What the owner may type on the confirmation page. */
export const approvalCommentSchema = z
  .string()
  .trim()
  .max(APPROVAL_COMMENT_MAX_CHARS, { message: `Keep the comment under ${APPROVAL_COMMENT_MAX_CHARS} characters` });
