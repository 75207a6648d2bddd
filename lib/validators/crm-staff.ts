import { z } from "zod";

/** Link a staff member to a CRM user a CRM admin already made (Vtiger cannot create users through its webservice). */
export const staffLinkSchema = z.object({
  userId: z.string().min(1),
  connectionId: z.string().min(1),
  crmUserNameOrEmail: z.string().trim().min(1, "Enter the CRM user's user name or e-mail").max(200, "At most 200 characters"),
  /** Blank: a strong password is generated, set in both systems and shown once. */
  password: z
    .string()
    .max(200, "At most 200 characters")
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().min(12, "At least 12 characters").optional()),
});
export type StaffLinkInput = z.infer<typeof staffLinkSchema>;

export const staffConnectionRefSchema = z.object({ userId: z.string().min(1), connectionId: z.string().min(1) });
export const staffUserRefSchema = z.object({ userId: z.string().min(1) });
