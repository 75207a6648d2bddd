import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
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

/** For a detail page's `api.….get(…).catch(notFoundIfMissing)`: a NOT_FOUND answer renders the 404 page; anything else is thrown on. */
export function notFoundIfMissing(error: unknown): never {
  if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
  throw error;
}
