import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** What each ledger procedure returns, for typing props of ledger components. */
export type LedgerOutputs = inferRouterOutputs<AppRouter>["ledger"];
