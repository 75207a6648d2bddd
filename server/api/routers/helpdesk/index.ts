import { createTRPCRouter } from "../../trpc";
import { helpdeskFollowLinkRouter } from "./follow-link";
import { helpdeskInboxRouter } from "./inbox";
import { helpdeskQueueRouter } from "./queue";
import { helpdeskSettingsRouter } from "./settings";
import { helpdeskTicketsRouter } from "./tickets";

/** The helpdesk: console tickets, settings, the My Tickets inbox and magic-link replies. */
export const helpdeskRouter = createTRPCRouter({
  tickets: helpdeskTicketsRouter,
  queue: helpdeskQueueRouter,
  settings: helpdeskSettingsRouter,
  inbox: helpdeskInboxRouter,
  followLink: helpdeskFollowLinkRouter,
});
