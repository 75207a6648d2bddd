import { db } from "@/server/db";
import { ensureLedgerSetup } from "@/server/ledger/chart-of-accounts";
import { exportEntriesCsv } from "@/server/ledger/reports/export-entries-csv";
import { incomeByFamily } from "@/server/ledger/reports/income-by-family";
import { ingestSummary } from "@/server/ledger/reports/ingest-summary";
import { receivablesAgeing } from "@/server/ledger/reports/receivables-ageing";
import { trialBalance } from "@/server/ledger/reports/trial-balance";
import { asOfSchema, dateRangeSchema } from "@/lib/validators/ledger";
import { createTRPCRouter, adminProcedure } from "../../trpc";

const endOfDay = (day: string) => new Date(`${day}T00:00:00Z`);

export const ledgerReportsRouter = createTRPCRouter({
  summary: adminProcedure.query(async () => {
    await ensureLedgerSetup(db);
    return ingestSummary(db);
  }),
  trialBalance: adminProcedure.input(asOfSchema).query(async ({ input }) => {
    await ensureLedgerSetup(db);
    return trialBalance(db, endOfDay(input.asOf));
  }),
  incomeByFamily: adminProcedure.input(dateRangeSchema).query(({ input }) => incomeByFamily(db, { from: endOfDay(input.from), to: endOfDay(input.to) })),
  ageing: adminProcedure.input(asOfSchema).query(({ input }) => receivablesAgeing(db, endOfDay(input.asOf))),
  exportCsv: adminProcedure.input(dateRangeSchema).mutation(({ input }) => exportEntriesCsv(db, { from: endOfDay(input.from), to: endOfDay(input.to), includeDrafts: input.includeDrafts })),
});
