import { db } from "@/server/db";
import { ensureLedgerSetup } from "@/server/ledger/chart-of-accounts";
import { listLedgerInvoices } from "@/server/ledger/list-ledger-invoices";
import { postLegacyInvoices } from "@/server/ledger/post-legacy-invoices";
import { configuredInvoiceSources, ingestFromConfiguredSource, verifyLegacyInvoices } from "@/server/ledger/run-ledger-sync";
import { ledgerSettingsSchema, listLedgerInvoicesSchema, postLedgerInvoicesSchema } from "@/lib/validators/ledger";
import { createTRPCRouter, adminProcedure } from "../../trpc";

export const ledgerInvoicesRouter = createTRPCRouter({
  list: adminProcedure.input(listLedgerInvoicesSchema).query(({ input }) => listLedgerInvoices(db, input)),
  /** Reads the configured legacy database and ingests its invoices as drafts. */
  ingest: adminProcedure.mutation(() => ingestFromConfiguredSource(db)),
  /** Asks Stripe / Lago about every pending or waiting invoice. */
  verify: adminProcedure.mutation(() => verifyLegacyInvoices(db, configuredInvoiceSources())),
  post: adminProcedure.input(postLedgerInvoicesSchema).mutation(({ input }) => postLegacyInvoices(db, "ids" in input ? input.ids : undefined)),
  settings: adminProcedure.query(async () => {
    await ensureLedgerSetup(db);
    const s = await db.ledgerSettings.findUniqueOrThrow({ where: { id: "ledger" } });
    return { autoPost: s.autoPost, lastIngestAt: s.lastIngestAt };
  }),
  updateSettings: adminProcedure.input(ledgerSettingsSchema).mutation(async ({ input }) => {
    await ensureLedgerSetup(db);
    const s = await db.ledgerSettings.update({ where: { id: "ledger" }, data: { autoPost: input.autoPost } });
    return { autoPost: s.autoPost, lastIngestAt: s.lastIngestAt };
  }),
});
