import { accountingPullSchema, externalInvoiceListSchema, externalIssueListSchema } from "@/lib/validators/external-billing";
import { listAccountingConnections, listExternalInvoices, listImportIssues } from "@/server/billing/external/list-external-records";
import { startAccountingImport } from "@/server/billing/external/start-accounting-import";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure, toWire } from "./billing-procedure";
import { idSchema } from "@/lib/validators/common";

/** Invoices and payments imported from a CRM's accounting API (Ascora), their issues, and "Pull now". */
export const billingExternalRouter = createTRPCRouter({
  invoices: billingProcedure.input(externalInvoiceListSchema).query(async ({ ctx, input }) => toWire(await listExternalInvoices(ctx.db, input))),
  issues: billingProcedure.input(externalIssueListSchema).query(({ ctx, input }) => listImportIssues(ctx.db, input)),
  connections: billingProcedure.query(({ ctx }) => listAccountingConnections(ctx.db)),
  pullNow: billingProcedure
    .input(accountingPullSchema)
    .mutation(({ ctx, input }) => startAccountingImport(ctx.db, { connectionId: input.connectionId, userId: ctx.user.id })),
  run: billingProcedure.input(idSchema).query(({ ctx, input }) =>
    ctx.db.syncRun.findUnique({ where: { id: input.id }, select: { id: true, status: true, message: true, finishedAt: true } }),
  ),
});
