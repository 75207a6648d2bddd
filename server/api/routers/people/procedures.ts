import { TRPCError } from "@trpc/server";
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { isAddressBlocked } from "@/server/people/address-blocks";
import { protectedProcedure, publicProcedure } from "../../trpc";

/** Provider admins (everyone's people) and client admins (their own organisation's); scoping is done in server/people/. */
export const peopleAdminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "PROVIDER_ADMIN" && ctx.user.role !== "CLIENT_ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only admins manage people." });
  }
  return next();
});

/** Public sign-in-like steps (accepting an invitation, resetting a password): refused from blocked client addresses. */
export const signInPathProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const context = requestContextFromHeaders(ctx.headers);
  if (await isAddressBlocked(ctx.db, context.ip)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Sign-in from your network is blocked. Contact your administrator." });
  }
  return next({ ctx: { requestContext: context } });
});
