import { createTRPCRouter } from "../../trpc";
import { ledgerInvoicesRouter } from "./invoices";
import { ledgerReportsRouter } from "./reports";
import { ledgerRulesRouter } from "./rules";

/** The invoice ledger (provider admins): review, verify and post legacy invoices; reports. */
export const ledgerRouter = createTRPCRouter({
  invoices: ledgerInvoicesRouter,
  reports: ledgerReportsRouter,
  rules: ledgerRulesRouter,
});
