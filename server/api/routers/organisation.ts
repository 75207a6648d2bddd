import { getOrganisationWithMembersOrThrow } from "@/server/identity/get-organisation";
import { createTRPCRouter, organisationProcedure } from "../trpc";

export const organisationRouter = createTRPCRouter({
  /** The caller's own organisation; there is deliberately no id input. */
  mine: organisationProcedure.query(({ ctx }) => getOrganisationWithMembersOrThrow(ctx.db, ctx.organisationId)),
});
