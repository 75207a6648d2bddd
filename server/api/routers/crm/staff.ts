import { staffActiveSchema, staffPasswordSchema, staffSyncSchema } from "@/lib/validators/crm";
import { listStaffWithCrm, provisionStaffUser, resetStaffPassword, setStaffActive } from "@/server/crm/staff/staff-accounts";
import { createTRPCRouter } from "../../trpc";
import { crmAdminProcedure } from "./crm-procedures";

/** Provider staff accounts in the CRM (admins). */
export const crmStaffRouter = createTRPCRouter({
  list: crmAdminProcedure.query(({ ctx }) => listStaffWithCrm(ctx.db)),
  syncToCrm: crmAdminProcedure.input(staffSyncSchema).mutation(({ ctx, input }) => provisionStaffUser(ctx.db, input)),
  setActive: crmAdminProcedure.input(staffActiveSchema).mutation(async ({ ctx, input }) => {
    await setStaffActive(ctx.db, input);
    return { ok: true };
  }),
  resetPassword: crmAdminProcedure.input(staffPasswordSchema).mutation(({ ctx, input }) => resetStaffPassword(ctx.db, input)),
});
