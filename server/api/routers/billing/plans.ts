import { z } from "zod";
import { chargeSchema, planSchema } from "@/lib/validators/billing";
import { idSchema } from "@/lib/validators/common";
import { deleteCharge, parseStoredTiers, saveCharge } from "@/server/billing/catalog/charges";
import { createPlan, getPlanOrThrow, listPlans, updatePlan } from "@/server/billing/catalog/plans";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure, toWire } from "./billing-procedure";

/** Plans and their charges (the tier editor saves through saveCharge). */
export const billingPlansRouter = createTRPCRouter({
  list: billingProcedure.query(async ({ ctx }) => toWire(await listPlans(ctx.db))),
  get: billingProcedure.input(idSchema).query(async ({ ctx, input }) => {
    const plan = await getPlanOrThrow(ctx.db, input.id);
    return toWire({ ...plan, charges: plan.charges.map((c) => ({ ...c, tiers: parseStoredTiers(c.tiers, c.id) })) });
  }),
  create: billingProcedure.input(planSchema).mutation(async ({ ctx, input }) => toWire(await createPlan(ctx.db, input))),
  update: billingProcedure
    .input(z.object({ id: z.string().min(1), data: planSchema.extend({ active: z.boolean().optional() }) }))
    .mutation(async ({ ctx, input }) => toWire(await updatePlan(ctx.db, input.id, input.data))),
  // The charge is checked with chargeSchema inside saveCharge, so tier problems come back per field.
  saveCharge: billingProcedure
    .input(z.object({ planId: z.string().min(1), chargeId: z.string().optional(), charge: z.unknown() }))
    .mutation(async ({ ctx, input }) =>
      toWire(await saveCharge(ctx.db, input.planId, { ...(input.charge as z.input<typeof chargeSchema>), id: input.chargeId })),
    ),
  deleteCharge: billingProcedure
    .input(z.object({ planId: z.string().min(1), chargeId: z.string().min(1) }))
    .mutation(({ ctx, input }) => deleteCharge(ctx.db, input.planId, input.chargeId)),
});
