import { z } from "zod";
import {
  createConnectionSchema,
  fieldMappingSchema,
  testConnectionSchema,
  updateConnectionSchema,
} from "@/lib/validators/crm";
import { idSchema } from "@/lib/validators/common";
import { toConnectionView } from "@/server/crm/connections/connection-view";
import {
  deleteFieldMapping,
  describeConnectionModule,
  listFieldMappings,
  saveFieldMapping,
} from "@/server/crm/connections/field-mappings";
import {
  createConnection,
  deleteConnection,
  getLiveConnectionOrThrow,
  setConnectionEnabled,
  updateConnection,
} from "@/server/crm/connections/manage-connections";
import { assertEditedConnectionFields, assertNewConnectionFields } from "@/server/crm/connections/check-module-fields";
import { testConnection } from "@/server/crm/connections/test-connection";
import { listConnectorProviders } from "@/server/crm/connector-registry";
import { startBackfill } from "@/server/crm/connections/backfill-connection";
import { getBackfillProgress } from "@/server/crm/connections/backfill-progress";
import { createTRPCRouter } from "../../trpc";
import { baseUrlOptions, crmAdminProcedure, crmProviderProcedure } from "./crm-procedures";

/** CRM connections and their field mappings (admins); the list is readable by agents for the dashboard. */
export const crmConnectionsRouter = createTRPCRouter({
  providers: crmAdminProcedure.query(() =>
    listConnectorProviders().map((p) => ({
      id: p.id,
      label: p.label,
      defaultModules: p.defaultModules(),
      userModule: p.userModule ?? null,
      labels: p.labels,
      importsAccounting: p.importsAccounting ?? false,
    })),
  ),
  list: crmProviderProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db.crmConnection.findMany({ where: { deletedAt: null }, orderBy: { createdAt: "asc" } });
    return rows.map(toConnectionView);
  }),
  get: crmProviderProcedure.input(idSchema).query(async ({ ctx, input }) => toConnectionView(await getLiveConnectionOrThrow(ctx.db, input.id))),
  create: crmAdminProcedure.input(createConnectionSchema).mutation(async ({ ctx, input }) => {
    await assertNewConnectionFields(ctx.db, input, baseUrlOptions());
    const row = await createConnection(ctx.db, input, { ...baseUrlOptions(), actorId: ctx.user.id });
    // Existing customers are pushed (matched by key or e-mail first) and the CRM's contacts pulled.
    const backfill = row.enabled ? await startBackfill(ctx.db, row.id, ctx.user.id) : null;
    return { ...toConnectionView(row), backfillRunId: backfill?.run.id ?? null };
  }),
  update: crmAdminProcedure.input(updateConnectionSchema).mutation(async ({ ctx, input }) => {
    await assertEditedConnectionFields(ctx.db, input, baseUrlOptions());
    return toConnectionView(await updateConnection(ctx.db, input, { ...baseUrlOptions(), actorId: ctx.user.id }));
  }),
  test: crmAdminProcedure.input(testConnectionSchema).mutation(({ ctx, input }) => testConnection(ctx.db, input, baseUrlOptions())),
  setEnabled: crmAdminProcedure.input(z.object({ id: z.string().min(1), enabled: z.boolean() })).mutation(async ({ ctx, input }) => {
    const row = await setConnectionEnabled(ctx.db, input.id, input.enabled);
    const backfill = input.enabled ? await startBackfill(ctx.db, row.id, ctx.user.id) : null;
    return { ...toConnectionView(row), backfillRunId: backfill?.run.id ?? null };
  }),
  delete: crmAdminProcedure.input(idSchema).mutation(({ ctx, input }) => deleteConnection(ctx.db, input.id)),
  /** The latest onboarding backfill: counts, state and the errors of customers not synced yet. */
  backfill: crmProviderProcedure.input(idSchema).query(({ ctx, input }) => getBackfillProgress(ctx.db, input.id)),

  mappings: crmAdminProcedure
    .input(z.object({ connectionId: z.string().min(1), entity: z.enum(["customer", "payment_summary"]) }))
    .query(({ ctx, input }) => listFieldMappings(ctx.db, input.connectionId, input.entity)),
  describe: crmAdminProcedure
    .input(z.object({ connectionId: z.string().min(1), module: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => describeConnectionModule(ctx.db, input.connectionId, input.module)),
  saveMapping: crmAdminProcedure.input(fieldMappingSchema).mutation(({ ctx, input }) => saveFieldMapping(ctx.db, input)),
  deleteMapping: crmAdminProcedure.input(idSchema).mutation(({ ctx, input }) => deleteFieldMapping(ctx.db, input.id)),
});
