import { db } from "@/server/db";
import { ensureLedgerSetup } from "@/server/ledger/chart-of-accounts";
import { setLedgerCurrency } from "@/server/ledger/sources/set-ledger-currency";
import { sourceTotals } from "@/server/ledger/sources/source-totals";
import { ledgerCurrencySchema } from "@/lib/validators/ledger";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** What Switchboard's own billing and Ascora put in the ledger, and the ledger's currency. */
export const ledgerSourcesRouter = createTRPCRouter({
  overview: adminProcedure.query(async () => {
    await ensureLedgerSetup(db);
    const settings = await db.ledgerSettings.findUniqueOrThrow({ where: { id: "ledger" }, select: { currency: true } });
    return { currency: settings.currency, sources: await sourceTotals(db) };
  }),
  setCurrency: adminProcedure.input(ledgerCurrencySchema).mutation(async ({ input }) => ({ currency: await setLedgerCurrency(db, input.currency) })),
});
