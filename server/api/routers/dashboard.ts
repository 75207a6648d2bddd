import { getConsoleOverview } from "@/server/dashboard/get-console-overview";
import { createTRPCRouter, providerProcedure } from "../trpc";

export const dashboardRouter = createTRPCRouter({
  overview: providerProcedure.query(({ ctx }) => getConsoleOverview(ctx.db)),
});
