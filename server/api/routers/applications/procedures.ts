import { TRPCError } from "@trpc/server";
import { clientProcedure, providerProcedure } from "../../trpc";

/** ApplicationError reaches clients through the shared error mapper (server/errors/map-error.ts), like every domain's. */
export const applicationsProviderProcedure = providerProcedure;

/** Client admins read their own organisation's applications in My Tickets. */
export const applicationsClientAdminProcedure = clientProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "CLIENT_ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only client admins can see applications." });
  return next();
});
