import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth/session";
import { logger } from "@/server/logger";

// GET/POST /api/trpc/<procedure> – the console's and inbox's API
async function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => createTRPCContext({ headers: req.headers, user: await getSessionUser() }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error("trpc.error", { path, error });
    },
  });
}

export { handler as GET, handler as POST };
