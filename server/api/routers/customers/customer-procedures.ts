/**
 * Who may do what with customers: provider staff read and edit them and
 * drive their CRM sync; the billing state (card, tax rate, subscriptions)
 * is for provider admins, as the rest of billing is.
 */
import { TRPCError } from "@trpc/server";
import { BILLING_CUSTOMER_FIELDS, type CustomerInput } from "@/lib/validators/customers";
import { adminProcedure, providerProcedure } from "../../trpc";

export const customerProcedure = providerProcedure;
export const customerBillingProcedure = adminProcedure;

/** Billing admins see and set billing fields; an agent's form never sends them. */
export function mayUseBilling(role: string): boolean {
  return role === "PROVIDER_ADMIN";
}

export function assertMayWriteBillingFields(role: string, input: CustomerInput): void {
  if (mayUseBilling(role)) return;
  const field = BILLING_CUSTOMER_FIELDS.find((f) => input[f] !== undefined);
  if (field) throw new TRPCError({ code: "FORBIDDEN", message: "Only provider admins can change a customer's billing details." });
}
