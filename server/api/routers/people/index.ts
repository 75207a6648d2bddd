import { createTRPCRouter } from "../../trpc";
import { blocksRouter } from "./blocks";
import { invitationsRouter } from "./invitations";
import { membersRouter } from "./members";
import { organisationsRouter } from "./organisations";
import { passwordRouter } from "./password";

/** People and organisations: organisations, invitations, members and accounts, password resets, the sign-in block list. */
export const peopleRouter = createTRPCRouter({
  organisations: organisationsRouter,
  invitations: invitationsRouter,
  members: membersRouter,
  password: passwordRouter,
  blocks: blocksRouter,
});
