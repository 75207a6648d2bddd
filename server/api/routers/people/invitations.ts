import { z } from "zod";
import { idSchema } from "@/lib/validators/common";
import { acceptInvitationSchema, inviteSchema, listPeopleSchema } from "@/lib/validators/people";
import { acceptInvitation, createInvitation, describeInvitation, listPendingInvitations, resendInvitation, revokeInvitation } from "@/server/people/invitations";
import { createTRPCRouter } from "../../trpc";
import { peopleAdminProcedure, signInPathProcedure } from "./procedures";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";

export const invitationsRouter = createTRPCRouter({
  create: peopleAdminProcedure.input(inviteSchema).mutation(async ({ ctx, input }) => {
    const { id, emailId } = await ctx.db.$transaction((tx) => createInvitation(tx, ctx.user, input));
    await dispatchOutboxEmails([emailId]);
    return { id };
  }),
  resend: peopleAdminProcedure.input(idSchema).mutation(({ ctx, input }) => resendInvitation(ctx.db, ctx.user, input.id)),
  revoke: peopleAdminProcedure.input(idSchema).mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.user, input.id)),
  listPending: peopleAdminProcedure.input(listPeopleSchema).query(({ ctx, input }) => listPendingInvitations(ctx.db, ctx.user, input.organisationId)),
  /** The accept page: what the link is for, or why it cannot be used. */
  describe: signInPathProcedure.input(z.object({ token: z.string().min(1).max(200) })).query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),
  accept: signInPathProcedure.input(acceptInvitationSchema).mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
});
