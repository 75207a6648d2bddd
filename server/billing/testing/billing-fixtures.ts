/**
 * Test data for billing tests (never imported by product code): a service
 * with its API key, metrics, a plan with charges, a customer, a subscription.
 */
import crypto from "node:crypto";
import type { ChargeInput } from "@/lib/validators/billing";
import { db } from "@/server/db";
import { saveCharge } from "../catalog/charges";
import { createMetric } from "../catalog/metrics";
import { createPlan } from "../catalog/plans";
import { createCustomer } from "@/server/customers/save-customer";
import { createService } from "../services/services";
import { createSubscription } from "../subscriptions/subscriptions";

const uid = () => crypto.randomBytes(4).toString("hex");

export async function makeService(opts: { rateLimitPerMinute?: number } = {}) {
  const code = `svc_${uid()}`;
  return createService(db, { name: `Service ${code}`, code, rateLimitPerMinute: opts.rateLimitPerMinute ?? 10_000 });
}

export async function makeMetric(aggregation: "sum" | "max" | "last" | "unique_count" = "sum", code = `m_${uid()}`) {
  return createMetric(db, { code, name: `Metric ${code}`, aggregation, unitLabel: "units" });
}

export interface PlanSetup {
  basePrice?: string;
  currency?: string;
  interval?: "monthly" | "yearly";
  taxBehaviour?: "exclusive" | "inclusive";
  charges?: Array<Omit<ChargeInput, "metricId"> & { metricId: string }>;
}

export async function makePlan(setup: PlanSetup = {}) {
  const code = `plan_${uid()}`;
  const plan = await createPlan(db, {
    code,
    name: `Plan ${code}`,
    interval: setup.interval ?? "monthly",
    basePrice: setup.basePrice ?? "49.00",
    currency: setup.currency ?? "CAD",
    taxBehaviour: setup.taxBehaviour ?? "exclusive",
  });
  for (const charge of setup.charges ?? []) await saveCharge(db, plan.id, charge);
  return plan;
}

export async function makeCustomer(opts: { taxRatePercent?: string; email?: string } = {}) {
  return createCustomer(db, {
    name: `Customer ${uid()}`,
    email: opts.email ?? `billing-${uid()}@example.test`,
    taxRatePercent: opts.taxRatePercent ?? "13",
    addressLine1: "1 King St W",
    city: "Toronto",
    region: "ON",
    postalCode: "M5H 1A1",
    country: "CA",
  });
}

/** A full setup: service + metric(s) + plan with charges + customer + subscription starting at `startAt`. */
export async function makeSubscription(opts: {
  serviceId: string;
  planId: string;
  customerId?: string;
  startAt?: Date;
  externalId?: string;
}) {
  const customerId = opts.customerId ?? (await makeCustomer()).id;
  return createSubscription(db, {
    serviceId: opts.serviceId,
    planId: opts.planId,
    customerId,
    externalId: opts.externalId ?? `sub_${uid()}`,
    startAt: opts.startAt ?? new Date("2026-11-01T00:00:00Z"),
  });
}

/** One usage item in the wire shape source apps send. */
export function usageItem(externalSubscriptionId: string, metricCode: string, quantity: string, key: string, from = "2026-11-01T00:00:00Z", to = "2026-11-01T01:00:00Z") {
  return {
    external_subscription_id: externalSubscriptionId,
    metric_code: metricCode,
    period: { from, to },
    quantity,
    idempotency_key: key,
  };
}
