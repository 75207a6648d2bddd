import { TRPCError } from "@trpc/server";
import { ApplicationError } from "@/server/applications/errors";
import { HelpdeskError } from "@/server/helpdesk/errors";
import { clientProcedure, providerProcedure } from "../../trpc";
import { toTrpcError } from "../helpdesk/helpdesk-errors";

/** Rethrows an ApplicationError as its tRPC equivalent (same codes and field messages as the helpdesk's). */
async function mapApplicationErrors<T extends { ok: boolean }>(next: () => Promise<T>): Promise<T> {
  const result = await next();
  if (!result.ok) {
    const cause = (result as unknown as { error: TRPCError }).error.cause;
    if (cause instanceof ApplicationError) throw toTrpcError(new HelpdeskError(cause.code, cause.message, cause.field));
  }
  return result;
}

export const applicationsProviderProcedure = providerProcedure.use(({ next }) => mapApplicationErrors(next));

/** Client admins read their own organisation's applications in My Tickets. */
export const applicationsClientAdminProcedure = clientProcedure
  .use(({ ctx, next }) => {
    if (ctx.user.role !== "CLIENT_ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only client admins can see applications." });
    return next();
  })
  .use(({ next }) => mapApplicationErrors(next));
