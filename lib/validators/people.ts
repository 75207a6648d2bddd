import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { pagingSchema } from "./common";

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address").max(254));
const optionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .transform((v) => v || null)
  .pipe(z.email("Enter a valid e-mail address").nullable());
const optionalText = (max: number) => text(max).transform((v) => v || null);

/** 2–16 upper-case letters and digits, starting with a letter: shown in My Tickets and e-mails. */
export const organisationLabelSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,15}$/, "2–16 letters or digits, starting with a letter (e.g. ACME)");

export const roleSchema = z.enum(ROLES);

export const organisationFieldsSchema = z.object({
  name: text(120).min(1, "Enter the organisation's name"),
  ownerName: optionalText(120),
  ownerEmail: optionalEmail,
  billingContactName: optionalText(120),
  billingContactEmail: optionalEmail,
});

export const createOrganisationSchema = organisationFieldsSchema.extend({
  label: organisationLabelSchema,
  /** Invited as the organisation's first client admin, in the same transaction. */
  adminEmail: optionalEmail,
});
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z.object({ id: z.string().min(1), data: organisationFieldsSchema.partial() });
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationSchema>;

export const listOrganisationsSchema = pagingSchema.extend({
  search: text(100).optional(),
  status: z.enum(["active", "archived", "all"]).default("active"),
});
export type ListOrganisationsInput = z.infer<typeof listOrganisationsSchema>;

export const inviteSchema = z.object({
  organisationId: z.string().min(1),
  email,
  role: roleSchema,
  /** Provider staff only: accepting queues their CRM staff user with the password they choose. */
  createCrmUser: z.boolean().default(false),
});
export type InviteInput = z.infer<typeof inviteSchema>;

export const acceptInvitationSchema = z.object({
  token: z.string().min(20).max(200),
  name: text(120).min(1, "Enter your name"),
  /** Optional: without one the person signs in by e-mail link. */
  password: z
    .string()
    .max(200, "At most 200 characters")
    .transform((v) => v || null)
    .pipe(z.string().min(12, "At least 12 characters").nullable()),
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const changeRoleSchema = z.object({ userId: z.string().min(1), organisationId: z.string().min(1), role: roleSchema });
export const moveMembershipSchema = z.object({ userId: z.string().min(1), fromOrganisationId: z.string().min(1), toOrganisationId: z.string().min(1), role: roleSchema });
export const membershipRefSchema = z.object({ userId: z.string().min(1), organisationId: z.string().min(1) });
export const userRefSchema = z.object({ userId: z.string().min(1) });
export const listPeopleSchema = z.object({ organisationId: z.string().min(1) });

export const forgotPasswordSchema = z.object({ email });
export const resetPasswordSchema = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(12, "At least 12 characters").max(200, "At most 200 characters"),
});

export const BLOCK_DURATIONS = { "1h": 60, "24h": 24 * 60, "7d": 7 * 24 * 60, "30d": 30 * 24 * 60, "365d": 365 * 24 * 60 } as const;
export const blockAddressSchema = z.object({
  /** One address (203.0.113.7) or a range in CIDR form (203.0.113.0/24, 2001:db8::/48). */
  address: text(64).min(1, "Enter an address or range"),
  duration: z.enum(Object.keys(BLOCK_DURATIONS) as [keyof typeof BLOCK_DURATIONS, ...(keyof typeof BLOCK_DURATIONS)[]]),
  reason: optionalText(200),
});
export type BlockAddressInput = z.infer<typeof blockAddressSchema>;

export const openBurstTicketSchema = z.object({ login: email });
