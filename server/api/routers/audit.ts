import { TRPCError } from "@trpc/server";
import { auditSettingsSchema, groupLoginEventsSchema, listLoginEventsSchema, listUsersSchema, loginChartSchema, recentFailuresSchema } from "@/lib/validators/audit";
import { idSchema } from "@/lib/validators/common";
import { getAuditSettings, updateAuditSettings } from "@/server/audit/audit-settings";
import { runLoginGeoEnrichment } from "@/server/audit/enrich-login-geo";
import { getGeoStateCounts } from "@/server/audit/geo-status";
import { unsafeGroupLoginEvents } from "@/server/audit/group-login-events";
import { unsafeGetLoginEvent, unsafeListLoginEvents } from "@/server/audit/list-login-events";
import { unsafeListUsersWithSignIns } from "@/server/audit/list-users-with-sign-ins";
import { unsafeLoginEventSeries } from "@/server/audit/login-event-series";
import { unsafeRecentFailureSummary } from "@/server/audit/recent-failure-summary";
import { unsafeGetUserLoginSummary } from "@/server/audit/user-login-summary";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { appEnv } from "@/server/config-readers";

/**
 * The login audit: provider admins only, read-only over the rows. There is
 * deliberately no procedure that edits or deletes a login event; only the
 * retention job deletes them.
 */
export const auditRouter = createTRPCRouter({
  events: createTRPCRouter({
    list: adminProcedure.input(listLoginEventsSchema).query(({ ctx, input }) => unsafeListLoginEvents(ctx.db, input)),
    groups: adminProcedure.input(groupLoginEventsSchema).query(({ ctx, input }) => unsafeGroupLoginEvents(ctx.db, input)),
    get: adminProcedure.input(idSchema).query(async ({ ctx, input }) => {
      const event = await unsafeGetLoginEvent(ctx.db, input.id);
      if (!event) throw new TRPCError({ code: "NOT_FOUND", message: "No such login event." });
      return event;
    }),
    series: adminProcedure.input(loginChartSchema).query(({ ctx, input }) => unsafeLoginEventSeries(ctx.db, input)),
    /** With `login`: that login's failures too, for the alert e-mail's link. */
    recentFailures: adminProcedure.input(recentFailuresSchema).query(({ ctx, input }) => unsafeRecentFailureSummary(ctx.db, { login: input?.login })),
  }),

  users: createTRPCRouter({
    list: adminProcedure.input(listUsersSchema).query(({ ctx, input }) => unsafeListUsersWithSignIns(ctx.db, input)),
    get: adminProcedure.input(idSchema).query(async ({ ctx, input }) => {
      const summary = await unsafeGetUserLoginSummary(ctx.db, input.id);
      if (!summary) throw new TRPCError({ code: "NOT_FOUND", message: "No such user." });
      return summary;
    }),
  }),

  settings: createTRPCRouter({
    get: adminProcedure.query(async ({ ctx }) => ({
      settings: await getAuditSettings(ctx.db),
      defaultGeoEndpoint: appEnv.audit().GEO_ENDPOINT,
      geoStates: await getGeoStateCounts(ctx.db),
    })),
    update: adminProcedure
      .input(auditSettingsSchema)
      .mutation(({ ctx, input }) => updateAuditSettings(ctx.db, input, ctx.user.id)),
    /** "Run now": the geo job's work, in this request. */
    enrichGeoNow: adminProcedure.mutation(({ ctx }) => runLoginGeoEnrichment(ctx.db)),
  }),
});
