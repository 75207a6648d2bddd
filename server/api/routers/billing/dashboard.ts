import { getBillingOverview } from "@/server/billing/dashboard/get-billing-overview";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "./billing-procedure";

export const billingDashboardRouter = createTRPCRouter({
  overview: billingProcedure.query(({ ctx }) => getBillingOverview(ctx.db)),
});
