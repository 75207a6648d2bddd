import { z } from "zod";
import { pagingSchema } from "./common";

export const OUTBOX_STATUSES = ["PENDING", "SENT", "FAILED", "DEAD", "NOT_SENT"] as const;

export const listOutboxSchema = pagingSchema.extend({
  status: z.enum(OUTBOX_STATUSES).optional(),
  search: z.string().trim().max(200).optional(),
});
export type ListOutboxInput = z.infer<typeof listOutboxSchema>;
