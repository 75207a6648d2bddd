import { db } from "@/server/db";
import { listReviewItems } from "@/server/ledger/review/list-review-items";
import { postReviewAdjustment, resolveReviewItem } from "@/server/ledger/review/resolve-review-item";
import { idSchema } from "@/lib/validators/common";
import { listReviewItemsSchema, resolveReviewItemSchema } from "@/lib/validators/ledger";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** Changes upstream of posted entries: both sides, resolve with a note, post the adjusting draft. */
export const ledgerReviewRouter = createTRPCRouter({
  list: adminProcedure.input(listReviewItemsSchema).query(({ input }) => listReviewItems(db, input)),
  resolve: adminProcedure.input(resolveReviewItemSchema).mutation(({ ctx, input }) => resolveReviewItem(db, input, ctx.user.id)),
  postAdjustment: adminProcedure.input(idSchema).mutation(({ input }) => postReviewAdjustment(db, input.id)),
});
