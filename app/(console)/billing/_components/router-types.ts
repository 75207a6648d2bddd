import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** What each tRPC procedure returns, for typing props of billing components. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
