import { applicationsRouter } from "./routers/applications";
import { approvalsRouter } from "./routers/approvals";
import { billingRouter } from "./routers/billing";
import { crmRouter } from "./routers/crm";
import { contractMigrationRouter } from "./routers/contract-migration";
import { customersRouter } from "./routers/customers";
import { dashboardRouter } from "./routers/dashboard";
import { fieldJobsRouter } from "./routers/field-jobs";
import { helpdeskRouter } from "./routers/helpdesk";
import { ledgerRouter } from "./routers/ledger";
import { legacyBillingRouter } from "./routers/legacy-billing";
import { hourCardsRouter } from "./routers/hour-cards";
import { meRouter } from "./routers/me";
import { organisationRouter } from "./routers/organisation";
import { outboxRouter } from "./routers/outbox";
import { peopleRouter } from "./routers/people";
import { auditRouter } from "./routers/audit";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** Every domain router, one line each. */
export const appRouter = createTRPCRouter({
  applications: applicationsRouter,
  approvals: approvalsRouter,
  audit: auditRouter,
  billing: billingRouter,
  contractMigration: contractMigrationRouter,
  crm: crmRouter,
  customers: customersRouter,
  dashboard: dashboardRouter,
  fieldJobs: fieldJobsRouter,
  helpdesk: helpdeskRouter,
  ledger: ledgerRouter,
  legacyBilling: legacyBillingRouter,
  hourCards: hourCardsRouter,
  me: meRouter,
  organisation: organisationRouter,
  outbox: outboxRouter,
  people: peopleRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (RSC, scripts, tests): `createCaller(ctx).outbox.list(…)`. */
export const createCaller = createCallerFactory(appRouter);
