import { z } from "zod";
import { createApiKeySchema, slaSettingsSchema, teamSchema } from "@/lib/validators/helpdesk";
import { createHelpdeskApiKey, revokeHelpdeskApiKey, unsafeListHelpdeskApiKeys } from "@/server/helpdesk/intake/api-keys";
import { runSlaSweep } from "@/server/helpdesk/sla-sweep";
import { loadSlaSettings, saveSlaSettings } from "@/server/helpdesk/sla-settings";
import { createTeam, deleteTeam, listTeams, updateTeam } from "@/server/helpdesk/teams";
import { createTRPCRouter } from "../../trpc";
import { helpdeskAdminProcedure as procedure } from "./procedures";

const idInput = z.object({ id: z.string().min(1) });

/** Helpdesk settings: SLA calendar and targets, teams, client API keys (provider admins). */
export const helpdeskSettingsRouter = createTRPCRouter({
  getSla: procedure.query(({ ctx }) => loadSlaSettings(ctx.db)),
  saveSla: procedure.input(slaSettingsSchema).mutation(({ ctx, input }) => saveSlaSettings(ctx.db, input, ctx.user.id)),
  /** The background SLA check, run now (e.g. after changing targets). */
  runSlaSweep: procedure.mutation(({ ctx }) => runSlaSweep(ctx.db)),

  teams: procedure.query(({ ctx }) => listTeams(ctx.db)),
  createTeam: procedure.input(teamSchema).mutation(({ ctx, input }) => createTeam(ctx.db, input)),
  updateTeam: procedure.input(teamSchema.extend(idInput.shape)).mutation(({ ctx, input }) => updateTeam(ctx.db, input.id, input)),
  deleteTeam: procedure.input(idInput).mutation(async ({ ctx, input }) => {
    await deleteTeam(ctx.db, input.id);
    return { ok: true };
  }),

  apiKeys: procedure.query(({ ctx }) => unsafeListHelpdeskApiKeys(ctx.db)),
  /** Returns the key once; it cannot be shown again. */
  createApiKey: procedure
    .input(createApiKeySchema)
    .mutation(({ ctx, input }) => createHelpdeskApiKey(ctx.db, { ...input, createdById: ctx.user.id })),
  revokeApiKey: procedure.input(idInput).mutation(async ({ ctx, input }) => ({ revoked: await revokeHelpdeskApiKey(ctx.db, input.id) })),
});
