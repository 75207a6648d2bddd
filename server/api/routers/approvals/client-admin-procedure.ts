import { TRPCError } from "@trpc/server";
import { clientProcedure } from "../../trpc";

/** Client admins in their own organisation (owner contact settings in My Tickets). */
export const clientAdminProcedure = clientProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "CLIENT_ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only your organisation's admins can change this." });
  }
  return next();
});
