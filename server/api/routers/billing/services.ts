import { z } from "zod";
import { serviceSchema } from "@/lib/validators/billing";
import { idSchema } from "@/lib/validators/common";
import { createService, listServices, rotateServiceKey, updateService } from "@/server/billing/services/services";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "./billing-procedure";

/** Source apps and their API keys (shown once: on creation and on rotation). */
export const billingServicesRouter = createTRPCRouter({
  list: billingProcedure.query(({ ctx }) => listServices(ctx.db)),
  create: billingProcedure.input(serviceSchema).mutation(({ ctx, input }) => createService(ctx.db, input)),
  update: billingProcedure
    .input(z.object({ id: z.string().min(1), name: z.string().optional(), rateLimitPerMinute: z.number().int().optional(), active: z.boolean().optional() }))
    .mutation(({ ctx, input }) => updateService(ctx.db, input.id, input)),
  rotateKey: billingProcedure.input(idSchema).mutation(({ ctx, input }) => rotateServiceKey(ctx.db, input.id)),
});
