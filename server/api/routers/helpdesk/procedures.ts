import { adminProcedure, clientProcedure, providerProcedure, publicProcedure } from "../../trpc";

/** The helpdesk's procedure tiers: the foundation's (HelpdeskError reaches clients through the shared error mapper). */
export const helpdeskProviderProcedure = providerProcedure;
export const helpdeskAdminProcedure = adminProcedure;
export const helpdeskClientProcedure = clientProcedure;
export const helpdeskPublicProcedure = publicProcedure;
