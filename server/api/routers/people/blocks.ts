import { idSchema } from "@/lib/validators/common";
import { blockAddressSchema } from "@/lib/validators/people";
import { blockAddress, listActiveAddressBlocks, removeAddressBlock } from "@/server/people/address-blocks";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** The sign-in block list (Audit settings): provider admins only; adding and removing are audited. */
export const blocksRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listActiveAddressBlocks(ctx.db)),
  create: adminProcedure.input(blockAddressSchema).mutation(({ ctx, input }) => ctx.db.$transaction((tx) => blockAddress(tx, ctx.user.id, input))),
  remove: adminProcedure.input(idSchema).mutation(({ ctx, input }) => ctx.db.$transaction((tx) => removeAddressBlock(tx, ctx.user.id, input.id))),
});
