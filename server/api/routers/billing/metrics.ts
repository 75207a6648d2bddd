import { z } from "zod";
import { metricSchema } from "@/lib/validators/billing";
import { idSchema } from "@/lib/validators/common";
import { createMetric, deleteMetric, listMetrics, updateMetric } from "@/server/billing/catalog/metrics";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "./billing-procedure";

const metricInput = metricSchema.extend({ description: z.string().trim().max(500).optional() });

/** Billable metrics. */
export const billingMetricsRouter = createTRPCRouter({
  list: billingProcedure.query(({ ctx }) => listMetrics(ctx.db)),
  create: billingProcedure.input(metricInput).mutation(({ ctx, input }) => createMetric(ctx.db, input)),
  update: billingProcedure
    .input(z.object({ id: z.string().min(1), data: metricInput }))
    .mutation(({ ctx, input }) => updateMetric(ctx.db, input.id, input.data)),
  delete: billingProcedure.input(idSchema).mutation(({ ctx, input }) => deleteMetric(ctx.db, input.id)),
});
