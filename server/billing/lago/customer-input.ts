/**
 * Lago's customer fields → our Customer. Only fields the app sent are set
 * (an update leaves the rest, e.g. what the CRM filled in); Lago's flat
 * address wins over our older nested `address` when both are sent.
 */
import type { z } from "zod";
import type { CustomerInput } from "@/lib/validators/customers";
import type { apiCustomerSchema } from "@/lib/validators/billing-api";

type LagoCustomer = z.output<typeof apiCustomerSchema>["customer"];

/** `value` unless it is undefined (not sent); null clears the field. */
function pick<T>(...values: Array<T | undefined>): T | undefined {
  return values.find((v) => v !== undefined);
}

/** `existingName`: the linked customer's name, kept when an update sends none. */
export function lagoCustomerInput(c: LagoCustomer, existingName: string | null): CustomerInput {
  const personName = [c.firstname, c.lastname].filter(Boolean).join(" ");
  const kind = c.customer_type ? (c.customer_type === "individual" ? "person" : "company") : c.kind;
  const input: Record<string, unknown> = {
    kind,
    // Lago allows a nameless customer; ours shows a name everywhere, so fall back to what identifies it.
    name: c.name || c.legal_name || personName || existingName || c.external_id,
    email: c.email,
    phone: c.phone,
    addressLine1: pick(c.address_line1, c.address?.line1),
    addressLine2: pick(c.address_line2, c.address?.line2),
    city: pick(c.city, c.address?.city),
    region: pick(c.state, c.address?.region),
    postalCode: pick(c.zipcode, c.address?.postal_code),
    country: pick(c.country, c.address?.country),
    taxId: pick(c.tax_identification_number, c.tax_id),
    legalName: c.legal_name,
    currency: c.currency,
    taxRatePercent: c.tax_rate_percent,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as CustomerInput;
}
