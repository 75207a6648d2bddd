import { createTRPCRouter, protectedProcedure } from "../trpc";

export const meRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => ctx.user),
});
