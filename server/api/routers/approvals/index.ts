import { createTRPCRouter } from "../../trpc";
import { draftSummaries } from "./draft-summaries";
import { myOwnerContact, ownerContacts, updateMyOwnerContact, updateOwnerContactFor } from "./owner-contacts";
import { prepare } from "./prepare";
import { list, report } from "./report";
import { resend } from "./resend";
import { send } from "./send";
import { settings, updateSettings } from "./settings";
import { inboxStatesForTickets, statesForTickets } from "./states-for-tickets";
import { ticketStatus } from "./ticket-status";

/** Owner approvals: the wizard, pills, reporting, settings and owner contacts. */
export const approvalsRouter = createTRPCRouter({
  prepare,
  draftSummaries,
  send,
  resend,
  ticketStatus,
  statesForTickets,
  inboxStatesForTickets,
  report,
  list,
  settings,
  updateSettings,
  ownerContacts,
  updateOwnerContactFor,
  myOwnerContact,
  updateMyOwnerContact,
});
