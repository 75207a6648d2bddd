import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth/session";
import { makeQueryClient } from "./query-client";

/** One QueryClient per request (React's cache is per request on the server). */
export const getQueryClient = cache(makeQueryClient);

const createContext = cache(async () => {
  const h = new Headers(await headers());
  h.set("x-trpc-source", "rsc");
  return createTRPCContext({ headers: h, user: await getSessionUser() });
});

/**
 * tRPC query options for server components (t3's pattern): a page awaits
 * `getQueryClient().prefetchQuery(trpc.x.queryOptions(input))` and wraps its
 * client part in <HydrateClient>, so the first HTML already holds the data
 * and the client's useQuery with the same input starts from it.
 */
export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

/** Hands the request's prefetched queries to the client components below. */
export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any procedure's options, as in t3's helper
type AnyQueryOptions = ReturnType<TRPCQueryOptions<any>>;

/**
 * Prefetches queries and waits for them, so their rows are part of the first
 * paint. A failed query is left to the client, which shows its own error.
 */
export async function prefetch(...queries: AnyQueryOptions[]): Promise<void> {
  const client = getQueryClient();
  await Promise.all(queries.map((q) => client.prefetchQuery(q)));
}
