/**
 * Billing settings from the environment. The schema is spread into
 * server/config.ts (which validates everything at start-up); the app reads
 * it through appEnv.billing() (server/config-readers.ts), tests pass their own
 * env. Domain functions take these values as parameters; only entry points
 * (routes, Inngest functions) call appEnv.billing().
 */
import { z } from "zod";
import { appUrl } from "@/server/app-url";
import { DEFAULT_RETRY_SCHEDULE_MS, formatRetrySchedule, parseRetrySchedule } from "./webhooks/retry-schedule";

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const schedule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .superRefine((text, ctx) => {
      try {
        parseRetrySchedule(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    });

export const DEFAULT_DUNNING_SCHEDULE = "3d, 5d, 7d";

/** Billing's environment variables, with defaults (documented in the README's table). */
export const billingEnvSchema = z.object({
  /** Stripe secret key (sk_live_… / sk_test_…); unset = invoices are issued but not charged. */
  STRIPE_SECRET_KEY: z.string().optional(),
  /** Signing secret of the Stripe webhook endpoint (whsec_…); unset = /api/webhooks/stripe refuses every call. */
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Another Stripe API base URL: the local fake in tests (http://127.0.0.1:12111). */
  STRIPE_API_BASE: z.string().url({ message: "must be a URL such as http://127.0.0.1:12111" }).optional(),
  /** Lets outbound billing webhooks reach loopback addresses: local development and tests only. */
  WEBHOOK_ALLOW_LOOPBACK: bool.default(false),
  /** Delays of outbound webhook attempts (first, then each retry); dead-lettered after the last. */
  BILLING_WEBHOOK_RETRY_SCHEDULE: schedule(formatRetrySchedule(DEFAULT_RETRY_SCHEDULE_MS)),
  /** Waits before each retry of a failed invoice payment; after the last the invoice is uncollectible. */
  BILLING_DUNNING_SCHEDULE: schedule(DEFAULT_DUNNING_SCHEDULE),
  /** Days between an invoice's issue and its due date. */
  BILLING_INVOICE_DUE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
});

export interface BillingConfig {
  stripeSecretKey: string | null;
  stripeWebhookSecret: string | null;
  stripeApiBase: string | null;
  allowLoopbackWebhooks: boolean;
  webhookRetryScheduleMs: number[];
  dunningScheduleMs: number[];
  invoiceDueDays: number;
  /** APP_URL and NEXTAUTH_SECRET (validated in server/config.ts): signed links to invoice and credit-note PDFs. */
  appUrl: string;
  documentSecret: string;
}

/** Parses the billing variables from `env`; throws naming the bad variable. */
export function billingConfig(env: NodeJS.ProcessEnv): BillingConfig {
  const parsed = billingEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid billing configuration: ${lines.join("; ")}`);
  }
  const c = parsed.data;
  return {
    stripeSecretKey: c.STRIPE_SECRET_KEY || null,
    stripeWebhookSecret: c.STRIPE_WEBHOOK_SECRET || null,
    stripeApiBase: c.STRIPE_API_BASE ?? null,
    allowLoopbackWebhooks: c.WEBHOOK_ALLOW_LOOPBACK,
    webhookRetryScheduleMs: parseRetrySchedule(c.BILLING_WEBHOOK_RETRY_SCHEDULE),
    dunningScheduleMs: parseRetrySchedule(c.BILLING_DUNNING_SCHEDULE),
    invoiceDueDays: c.BILLING_INVOICE_DUE_DAYS,
    appUrl: appUrl(env),
    documentSecret: env.NEXTAUTH_SECRET ?? "",
  };
}
