import { db } from "@/server/db";
import { ensureLedgerSetup } from "@/server/ledger/chart-of-accounts";
import { listLedgerInvoices } from "@/server/ledger/list-ledger-invoices";
import { postLegacyInvoices } from "@/server/ledger/post-legacy-invoices";
import { acceptTotalMismatch } from "@/server/ledger/accept-total-mismatch";
import { ingestLegacyInvoices } from "@/server/ledger/ingest-legacy-invoices";
import { readConfiguredLegacyInvoices } from "@/server/ledger/read-configured-invoices";
import { configuredInvoiceSources, verifyLegacyInvoices } from "@/server/ledger/run-ledger-sync";
import { acceptTotalMismatchSchema, ingestSchema, ledgerSettingsSchema, listLedgerInvoicesSchema, postLedgerInvoicesSchema } from "@/lib/validators/ledger";
import { createTRPCRouter, adminProcedure } from "../../trpc";

export const ledgerInvoicesRouter = createTRPCRouter({
  list: adminProcedure.input(listLedgerInvoicesSchema).query(({ input }) => listLedgerInvoices(db, input)),
  /** Reads the configured legacy database and ingests its invoices as drafts; a dry run only reports what it would do. */
  ingest: adminProcedure.input(ingestSchema).mutation(async ({ input }) => ingestLegacyInvoices(db, await readConfiguredLegacyInvoices(db), { dryRun: input.dryRun })),
  /** Asks Stripe / Lago about every pending or waiting invoice. */
  verify: adminProcedure.mutation(() => verifyLegacyInvoices(db, configuredInvoiceSources())),
  /** Settles a processor/legacy total mismatch so the invoice may post. */
  acceptMismatch: adminProcedure.input(acceptTotalMismatchSchema).mutation(({ ctx, input }) => acceptTotalMismatch(db, input, ctx.user.id)),
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
