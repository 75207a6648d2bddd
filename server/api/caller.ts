import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "@/server/auth/session";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

/** tRPC for React Server Components: `const api = await getServerApi(); await api.outbox.list(…)`. */
export const getServerApi = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createCaller(createTRPCContext({ headers: h, user: await getSessionUser() }));
});
