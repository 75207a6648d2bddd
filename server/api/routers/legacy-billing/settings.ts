import { legacySettingsSchema, legacyUrlSchema } from "@/lib/validators/legacy-billing";
import { z } from "zod";
import { getLegacySettings, readLegacyUrl, saveLegacySettings } from "@/server/legacy-billing/import/legacy-settings";
import { testLegacyConnection } from "@/server/legacy-billing/source/open-legacy-source";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "../billing/billing-procedure";
import { asBillingError } from "./legacy-errors";

/** The legacy database URL (write-only: only host/database is ever returned) and the tolerance. */
export const legacySettingsRouter = createTRPCRouter({
  get: billingProcedure.query(({ ctx }) => getLegacySettings(ctx.db)),
  save: billingProcedure.input(legacySettingsSchema).mutation(({ ctx, input }) => asBillingError(() => saveLegacySettings(ctx.db, input, ctx.user.id))),
  /** Tests the given URL, or the saved one. */
  test: billingProcedure
    .input(z.object({ url: legacyUrlSchema.optional() }))
    .mutation(({ ctx, input }) => asBillingError(async () => testLegacyConnection(input.url ?? (await readLegacyUrl(ctx.db))))),
});
