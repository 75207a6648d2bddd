/**
 * zod schemas of billing's "External (Ascora)" view: invoices and payments
 * imported from a CRM's accounting API, the import's issues, and "Pull now".
 */
import { z } from "zod";
import { pagingSchema } from "./common";

export const externalInvoiceListSchema = pagingSchema.extend({
  /** Narrows the list to one customer (the customer page). */
  customerId: z.string().min(1).optional(),
  /** Invoice number or customer name. */
  search: z.string().trim().max(200).optional(),
  connectionId: z.string().min(1).optional(),
});
export type ExternalInvoiceListInput = z.input<typeof externalInvoiceListSchema>;

export const externalIssueListSchema = pagingSchema.extend({
  connectionId: z.string().min(1).optional(),
  /** Open issues only (default) or every issue. */
  open: z.boolean().default(true),
});

export const accountingPullSchema = z.object({ connectionId: z.string().min(1, "Choose a connection") });
