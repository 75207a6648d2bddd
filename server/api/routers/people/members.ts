import { openBurstTicketSchema, changeRoleSchema, listPeopleSchema, membershipRefSchema, moveMembershipSchema, userRefSchema } from "@/lib/validators/people";
import { deleteUser, disableUser, enableUser, signOutEverywhere, unlockUser } from "@/server/people/account-status";
import { changeRole, moveMembership, removeMembership } from "@/server/people/memberships";
import { openBurstTicket } from "@/server/people/open-burst-ticket";
import { sendPasswordReset } from "@/server/people/password-reset";
import { getUserDetail, listOrganisationPeople } from "@/server/people/user-detail";
import { adminProcedure, createTRPCRouter } from "../../trpc";
import { peopleAdminProcedure } from "./procedures";

/** People and their accounts: every procedure is scoped in server/people/ (client admins see only their organisation). */
export const membersRouter = createTRPCRouter({
  list: peopleAdminProcedure.input(listPeopleSchema).query(({ ctx, input }) => listOrganisationPeople(ctx.db, ctx.user, input.organisationId)),
  get: peopleAdminProcedure.input(userRefSchema).query(({ ctx, input }) => getUserDetail(ctx.db, ctx.user, input.userId)),
  changeRole: peopleAdminProcedure.input(changeRoleSchema).mutation(({ ctx, input }) => changeRole(ctx.db, ctx.user, input)),
  remove: peopleAdminProcedure.input(membershipRefSchema).mutation(({ ctx, input }) => removeMembership(ctx.db, ctx.user, input)),
  move: peopleAdminProcedure.input(moveMembershipSchema).mutation(({ ctx, input }) => moveMembership(ctx.db, ctx.user, input)),
  disable: peopleAdminProcedure.input(userRefSchema).mutation(({ ctx, input }) => disableUser(ctx.db, ctx.user, input.userId)),
  enable: peopleAdminProcedure.input(userRefSchema).mutation(({ ctx, input }) => enableUser(ctx.db, ctx.user, input.userId)),
  signOutEverywhere: peopleAdminProcedure.input(userRefSchema).mutation(({ ctx, input }) => signOutEverywhere(ctx.db, ctx.user, input.userId)),
  unlock: peopleAdminProcedure.input(userRefSchema).mutation(({ ctx, input }) => unlockUser(ctx.db, ctx.user, input.userId)),
  sendPasswordReset: peopleAdminProcedure.input(userRefSchema).mutation(({ ctx, input }) => sendPasswordReset(ctx.db, ctx.user, input.userId)),
  delete: peopleAdminProcedure.input(userRefSchema).mutation(({ ctx, input }) => deleteUser(ctx.db, ctx.user, input.userId)),
  /** From the login audit: a ticket for the targeted person's organisation, with the evidence (provider admins). */
  openBurstTicket: adminProcedure.input(openBurstTicketSchema).mutation(({ ctx, input }) => openBurstTicket(ctx.db, ctx.user, input.login)),
});
