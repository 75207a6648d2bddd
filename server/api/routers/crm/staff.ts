import { staffActiveSchema, staffPasswordSchema, staffSyncSchema } from "@/lib/validators/crm";
import { staffConnectionRefSchema, staffLinkSchema, staffUserRefSchema } from "@/lib/validators/crm-staff";
import { linkStaffUser, listStaffSyncConnections, listStaffWithCrm, provisionStaffUser, resetStaffPassword, resyncStaffUser } from "@/server/crm/staff/staff-accounts";
import { getStaffCrmState } from "@/server/crm/staff/staff-crm-state";
import { disableUser, enableUser } from "@/server/people/account-status";
import { createTRPCRouter } from "../../trpc";
import { crmAdminProcedure } from "./crm-procedures";

/** Provider staff accounts in the CRM (admins). Every change is recorded in the person's account trail. */
export const crmStaffRouter = createTRPCRouter({
  list: crmAdminProcedure.query(({ ctx }) => listStaffWithCrm(ctx.db)),
  /** The CRM card of one person's page. */
  state: crmAdminProcedure.input(staffUserRefSchema).query(({ ctx, input }) => getStaffCrmState(ctx.db, input.userId)),
  /** Whether the invite form offers "Create CRM user". */
  connections: crmAdminProcedure.query(async ({ ctx }) => (await listStaffSyncConnections(ctx.db)).map((c) => ({ id: c.id, name: c.name, provider: c.provider }))),
  syncToCrm: crmAdminProcedure.input(staffSyncSchema).mutation(({ ctx, input }) => provisionStaffUser(ctx.db, { ...input, actorId: ctx.user.id })),
  link: crmAdminProcedure.input(staffLinkSchema).mutation(({ ctx, input }) => linkStaffUser(ctx.db, { ...input, actorId: ctx.user.id })),
  resync: crmAdminProcedure.input(staffConnectionRefSchema).mutation(({ ctx, input }) => resyncStaffUser(ctx.db, { ...input, actorId: ctx.user.id })),
  /** The same account actions as the person's page (last-admin rule, audit), mirrored to the CRM. */
  setActive: crmAdminProcedure.input(staffActiveSchema).mutation(async ({ ctx, input }) => {
    await (input.active ? enableUser : disableUser)(ctx.db, ctx.user, input.userId);
    return { ok: true };
  }),
  resetPassword: crmAdminProcedure.input(staffPasswordSchema).mutation(({ ctx, input }) => resetStaffPassword(ctx.db, { ...input, actorId: ctx.user.id })),
});
