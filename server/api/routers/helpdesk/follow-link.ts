import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { customerReplySchema } from "@/lib/validators/helpdesk";
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { takeFollowLinkRequest } from "@/server/helpdesk/links/follow-link-gate";
import { replyViaFollowLink } from "@/server/helpdesk/links/follow-link";
import { createTRPCRouter } from "../../trpc";
import { helpdeskPublicProcedure as procedure } from "./procedures";

/** Magic-link follow-up (no account): the reply form on /t/<token>. Rate-limited per address. */
export const helpdeskFollowLinkRouter = createTRPCRouter({
  reply: procedure
    .input(customerReplySchema.extend({ token: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const decision = await takeFollowLinkRequest(requestContextFromHeaders(ctx.headers).ip);
      if (!decision.allowed) {
        throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: `Too many requests; please wait ${decision.retryAfterSec} s and try again.` });
      }
      const result = await replyViaFollowLink(input.token, input, ctx.db);
      return { messageId: result.messageId };
    }),
});
