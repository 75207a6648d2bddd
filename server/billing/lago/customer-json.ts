/** A customer as Lago returns it (CustomerObject), with our tax rate and card state as extras. */
import type { Customer } from "@/server/generated/prisma/client";
import { decimalString } from "../wire";

export function lagoCustomerJson(customer: Customer, externalId: string) {
  return {
    lago_id: customer.id,
    external_id: externalId,
    // Kept for apps written against our earlier shape.
    external_customer_id: externalId,
    name: customer.name,
    legal_name: customer.legalName,
    customer_type: customer.kind === "person" ? "individual" : "company",
    account_type: "customer",
    email: customer.email,
    phone: customer.phone,
    address_line1: customer.addressLine1,
    address_line2: customer.addressLine2,
    city: customer.city,
    state: customer.region,
    zipcode: customer.postalCode,
    country: customer.country,
    currency: customer.currency,
    tax_identification_number: customer.taxId,
    timezone: null,
    applicable_timezone: "UTC",
    net_payment_term: null,
    created_at: customer.createdAt.toISOString(),
    updated_at: customer.updatedAt.toISOString(),
    metadata: [],
    taxes: [],
    tax_rate_percent: decimalString(customer.taxRatePercent),
    has_payment_method: Boolean(customer.stripePaymentMethodId),
    payment_method: customer.paymentMethodLabel,
  };
}
