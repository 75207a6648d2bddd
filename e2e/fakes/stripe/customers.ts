/** /v1/customers: create, retrieve, update, list, delete, and their payment methods. */
import { missing, invalid } from "./stripe-error";
import {
  listOf,
  mergeMetadata,
  newId,
  nowSec,
  optionalHash,
  optionalString,
  route,
  stringList,
  type RouteContext,
} from "./route-kit";
import type { StripeObject } from "./state";
import { attachToCustomer } from "./payment-methods";

const CUSTOMER_PARAMS = [
  "email",
  "name",
  "description",
  "phone",
  "metadata",
  "address",
  "invoice_settings",
  "preferred_locales",
  "tax_exempt",
  "payment_method",
] as const;

export function getCustomerOrThrow(ctx: RouteContext, id: string, param = "customer"): StripeObject {
  const customer = ctx.state.customers.get(id);
  if (!customer || customer.deleted) throw missing("customer", id, param);
  return customer;
}

function applyInvoiceSettings(ctx: RouteContext, customer: StripeObject): void {
  const settings = optionalHash(ctx.params, "invoice_settings");
  if (!settings) return;
  const current = customer.invoice_settings as Record<string, unknown>;
  const pm = settings.default_payment_method;
  if (pm !== undefined) {
    if (typeof pm !== "string") throw invalid("Invalid string: invoice_settings[default_payment_method]");
    if (pm !== "") {
      const method = ctx.state.paymentMethods.get(pm);
      if (!method) throw missing("PaymentMethod", pm, "invoice_settings[default_payment_method]");
      if (method.customer !== customer.id) {
        throw invalid(
          `The customer does not have a payment method with the ID ${pm}. The payment method must be attached to the customer.`,
          "invoice_settings[default_payment_method]",
          "resource_missing",
        );
      }
    }
    current.default_payment_method = pm === "" ? null : pm;
  }
}

function applyScalars(ctx: RouteContext, customer: StripeObject): void {
  for (const field of ["email", "name", "description", "phone", "tax_exempt"] as const) {
    const value = optionalString(ctx.params, field);
    if (value !== undefined) customer[field] = value === "" ? (field === "tax_exempt" ? "none" : null) : value;
  }
  const address = optionalHash(ctx.params, "address");
  if (address) customer.address = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null, ...address };
  const locales = stringList(ctx.params, "preferred_locales");
  if (locales) customer.preferred_locales = locales;
  customer.metadata = mergeMetadata(customer.metadata as Record<string, string>, ctx.params);
}

export const customerRoutes = [
  route("POST", "/v1/customers", CUSTOMER_PARAMS, (ctx) => {
    const customer: StripeObject = {
      id: newId("cus", 14),
      object: "customer",
      address: null,
      balance: 0,
      created: nowSec(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      email: null,
      invoice_prefix: newId("X", 6).slice(2).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: {},
      name: null,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: "none",
      test_clock: null,
    };
    applyScalars(ctx, customer);
    ctx.state.customers.set(customer.id, customer);
    const pm = optionalString(ctx.params, "payment_method");
    if (pm) attachToCustomer(ctx, pm, customer.id);
    applyInvoiceSettings(ctx, customer);
    ctx.emit("customer.created", customer);
    return customer;
  }),

  route("GET", "/v1/customers/:id", [], (ctx) => {
    const id = ctx.ids[0] ?? "";
    const customer = ctx.state.customers.get(id);
    if (!customer) throw missing("customer", id);
    return customer;
  }),

  route("POST", "/v1/customers/:id", CUSTOMER_PARAMS.filter((p) => p !== "payment_method"), (ctx) => {
    const customer = getCustomerOrThrow(ctx, ctx.ids[0] ?? "", "id");
    const before = structuredClone(customer);
    applyScalars(ctx, customer);
    applyInvoiceSettings(ctx, customer);
    const previous = Object.fromEntries(
      Object.keys(customer)
        .filter((k) => JSON.stringify(customer[k]) !== JSON.stringify(before[k]))
        .map((k) => [k, before[k]]),
    );
    ctx.emit("customer.updated", customer, previous);
    return customer;
  }),

  route("DELETE", "/v1/customers/:id", [], (ctx) => {
    const customer = getCustomerOrThrow(ctx, ctx.ids[0] ?? "", "id");
    customer.deleted = true;
    ctx.emit("customer.deleted", customer);
    return { id: customer.id, object: "customer", deleted: true };
  }),

  route("GET", "/v1/customers", ["email", "limit", "starting_after", "ending_before", "created"], (ctx) => {
    const email = optionalString(ctx.params, "email");
    const items = [...ctx.state.customers.values()].filter((c) => !c.deleted && (!email || c.email === email));
    return listOf(items, "/v1/customers", ctx.params);
  }),

  route("GET", "/v1/customers/:id/payment_methods", ["type", "limit", "starting_after", "ending_before"], (ctx) => {
    const customer = getCustomerOrThrow(ctx, ctx.ids[0] ?? "", "id");
    const type = optionalString(ctx.params, "type");
    const items = [...ctx.state.paymentMethods.values()].filter(
      (pm) => pm.customer === customer.id && (!type || pm.type === type),
    );
    return listOf(items, `/v1/customers/${customer.id}/payment_methods`, ctx.params);
  }),
];
