import { z } from "zod";
import { idSchema } from "@/lib/validators/common";
import {
  applyToRestSchema,
  listContractsSchema,
  listRunsSchema,
  processItemSchema,
  searchArchivedCasesSchema,
  startRunSchema,
  timeLogSettingsSchema,
} from "@/lib/validators/contract-migration";
import { applyToRest, previewApplyToRest } from "@/server/contract-migration/apply-to-rest";
import { listCardsForCustomer } from "@/server/contract-migration/card-port";
import { getMigrationConnectionOrThrow, listMigrationConnections } from "@/server/contract-migration/migration-connections";
import { contractSourceFor } from "@/server/contract-migration/crm-source";
import { getRunOrThrow, listRunAudit, listRuns } from "@/server/contract-migration/get-run";
import { listContracts } from "@/server/contract-migration/list-contracts";
import { processItem } from "@/server/contract-migration/process-item";
import { getArchivedCase, searchArchivedCases } from "@/server/contract-migration/search-archived-cases";
import { startRun } from "@/server/contract-migration/start-run";
import { getTimeLogSettings, saveTimeLogSettings } from "@/server/contract-migration/time-log-settings";
import { migrationNotFound } from "@/server/contract-migration/errors";
import { adminProcedure, createTRPCRouter, providerProcedure } from "../trpc";

/**
 * The contract-migration wizard (provider admins) and the archived case
 * history (all provider staff, read-only: there is no procedure that changes
 * an archived case).
 */
export const contractMigrationRouter = createTRPCRouter({
  connections: adminProcedure.query(({ ctx }) => listMigrationConnections(ctx.db)),
  settings: createTRPCRouter({
    get: adminProcedure.input(z.object({ connectionId: z.string().min(1) })).query(({ ctx, input }) => getTimeLogSettings(ctx.db, input.connectionId)),
    save: adminProcedure.input(timeLogSettingsSchema).mutation(async ({ ctx, input }) => {
      const conn = await getMigrationConnectionOrThrow(ctx.db, input.connectionId);
      return saveTimeLogSettings(ctx.db, contractSourceFor(conn), input, ctx.user.id);
    }),
  }),
  contracts: adminProcedure.input(listContractsSchema).query(async ({ ctx, input }) => {
    const conn = await getMigrationConnectionOrThrow(ctx.db, input.connectionId);
    return listContracts(ctx.db, contractSourceFor(conn), input);
  }),
  runs: createTRPCRouter({
    list: adminProcedure.input(listRunsSchema).query(({ ctx, input }) => listRuns(ctx.db, input)),
    get: adminProcedure.input(idSchema).query(({ ctx, input }) => getRunOrThrow(ctx.db, input.id)),
    audit: adminProcedure.input(idSchema).query(({ ctx, input }) => listRunAudit(ctx.db, input.id)),
    start: adminProcedure.input(startRunSchema).mutation(async ({ ctx, input }) => {
      const conn = await getMigrationConnectionOrThrow(ctx.db, input.connectionId);
      return startRun(ctx.db, contractSourceFor(conn), { ...input, actorUserId: ctx.user.id });
    }),
    cards: adminProcedure.input(idSchema).query(async ({ ctx, input }) => {
      const run = await getRunOrThrow(ctx.db, input.id);
      return listCardsForCustomer(ctx.db, run.customerId);
    }),
    processItem: adminProcedure.input(processItemSchema).mutation(({ ctx, input }) => processItem(ctx.db, { ...input, actorUserId: ctx.user.id })),
    previewRest: adminProcedure.input(idSchema).query(({ ctx, input }) => previewApplyToRest(ctx.db, input.id)),
    applyToRest: adminProcedure.input(applyToRestSchema).mutation(({ ctx, input }) => applyToRest(ctx.db, { ...input, actorUserId: ctx.user.id })),
  }),
  archivedCases: createTRPCRouter({
    list: providerProcedure.input(searchArchivedCasesSchema).query(({ ctx, input }) => searchArchivedCases(ctx.db, input)),
    get: providerProcedure.input(idSchema).query(async ({ ctx, input }) => {
      const found = await getArchivedCase(ctx.db, input.id);
      if (!found) throw migrationNotFound("No such archived case.");
      return found;
    }),
  }),
});
