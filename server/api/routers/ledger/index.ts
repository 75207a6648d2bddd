import { createTRPCRouter } from "../../trpc";
import { ledgerInvoicesRouter } from "./invoices";
import { ledgerReportsRouter } from "./reports";
import { ledgerReviewRouter } from "./review";
import { ledgerRulesRouter } from "./rules";
import { ledgerSourcesRouter } from "./sources";
import { ledgerTaxRatesRouter } from "./tax-rates";

/** The invoice ledger (provider admins): review, verify and post legacy invoices; reports. */
export const ledgerRouter = createTRPCRouter({
  invoices: ledgerInvoicesRouter,
  reports: ledgerReportsRouter,
  rules: ledgerRulesRouter,
  sources: ledgerSourcesRouter,
  review: ledgerReviewRouter,
  taxRates: ledgerTaxRatesRouter,
});
