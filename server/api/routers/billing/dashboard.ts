import { getBillingOverview } from "@/server/billing/dashboard/get-billing-overview";
import { listRatingFailures } from "@/server/billing/rating/rating-failures";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "./billing-procedure";

export const billingDashboardRouter = createTRPCRouter({
  overview: billingProcedure.query(({ ctx }) => getBillingOverview(ctx.db)),
  /** Subscriptions the last rating runs could not rate, with why. */
  ratingFailures: billingProcedure.query(({ ctx }) => listRatingFailures(ctx.db)),
});
