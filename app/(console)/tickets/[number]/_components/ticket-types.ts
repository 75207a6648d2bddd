import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** The console ticket as the page receives it (dates already revived by superjson). */
export type ConsoleTicketData = inferRouterOutputs<AppRouter>["helpdesk"]["tickets"]["get"];
