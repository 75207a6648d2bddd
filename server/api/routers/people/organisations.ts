import { z } from "zod";
import { idSchema } from "@/lib/validators/common";
import { createOrganisationSchema, listOrganisationsSchema, updateOrganisationSchema } from "@/lib/validators/people";
import {
  createOrganisation,
  linkOrganisationCustomer,
  setOrganisationArchived,
  unsafeGetOrganisationDetail,
  unsafeListOrganisations,
  updateOrganisation,
} from "@/server/people/organisations";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** Client organisations: provider admins only. */
export const organisationsRouter = createTRPCRouter({
  list: adminProcedure.input(listOrganisationsSchema).query(({ ctx, input }) => unsafeListOrganisations(ctx.db, input)),
  get: adminProcedure.input(idSchema).query(({ ctx, input }) => unsafeGetOrganisationDetail(ctx.db, input.id)),
  create: adminProcedure.input(createOrganisationSchema).mutation(({ ctx, input }) => createOrganisation(ctx.db, ctx.user, input)),
  update: adminProcedure.input(updateOrganisationSchema).mutation(({ ctx, input }) => updateOrganisation(ctx.db, ctx.user, input)),
  archive: adminProcedure.input(idSchema).mutation(({ ctx, input }) => setOrganisationArchived(ctx.db, ctx.user, input.id, true)),
  restore: adminProcedure.input(idSchema).mutation(({ ctx, input }) => setOrganisationArchived(ctx.db, ctx.user, input.id, false)),
  linkCustomer: adminProcedure
    .input(z.object({ id: z.string().min(1), customerId: z.string().min(1).nullable() }))
    .mutation(({ ctx, input }) => linkOrganisationCustomer(ctx.db, ctx.user, input.id, input.customerId)),
});
