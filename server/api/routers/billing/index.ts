import { createTRPCRouter } from "../../trpc";
import { billingDashboardRouter } from "./dashboard";
import { billingExternalRouter } from "./external";
import { billingInvoicesRouter } from "./invoices";
import { billingMetricsRouter } from "./metrics";
import { billingPaymentsRouter } from "./payments";
import { billingPlansRouter } from "./plans";
import { billingServicesRouter } from "./services";
import { billingSubscriptionsRouter } from "./subscriptions";
import { billingWebhooksRouter } from "./webhooks";

/** The billing console (provider admins): catalog, customers, subscriptions, invoices, payments, services, webhooks. */
export const billingRouter = createTRPCRouter({
  dashboard: billingDashboardRouter,
  metrics: billingMetricsRouter,
  plans: billingPlansRouter,
  subscriptions: billingSubscriptionsRouter,
  invoices: billingInvoicesRouter,
  payments: billingPaymentsRouter,
  services: billingServicesRouter,
  webhooks: billingWebhooksRouter,
  external: billingExternalRouter,
});
