import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext, RetryableTRPCError, toTRPCError } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth/session";
import { mapError, retryHeaders } from "@/server/errors/map-error";
import { BODY_LIMITS, withCappedBody } from "@/server/http/read-body";
import { logger } from "@/server/logger";

// GET/POST /api/trpc/<procedure> – the console's and inbox's API
async function handler(request: Request) {
  let req: Request;
  try {
    req = await withCappedBody(request, BODY_LIMITS.trpc);
  } catch (error) {
    const mapped = mapError(error, "trpc");
    return Response.json({ error: { message: mapped.message, code: mapped.code } }, { status: mapped.status, headers: retryHeaders(mapped) });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      try {
        return createTRPCContext({ headers: req.headers, user: await getSessionUser() });
      } catch (error) {
        throw toTRPCError(error, "context");
      }
    },
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error("trpc.error", { path, error });
    },
    // A client told "busy" or "database unreachable" learns when to try again.
    responseMeta({ errors }) {
      const retryAfter = Math.max(0, ...errors.map((e) => (e instanceof RetryableTRPCError ? e.retryAfterSec : 0)));
      return retryAfter > 0 ? { headers: new Headers({ "retry-after": String(retryAfter) }) } : {};
    },
  });
}

export { handler as GET, handler as POST };
