import { adminProcedure, clientProcedure, providerProcedure, publicProcedure } from "../../trpc";
import { mapHelpdeskErrors } from "./helpdesk-errors";

/** The helpdesk's procedure tiers: the foundation's, with service errors mapped to tRPC codes. */
export const helpdeskProviderProcedure = providerProcedure.use(({ next }) => mapHelpdeskErrors(next));
export const helpdeskAdminProcedure = adminProcedure.use(({ next }) => mapHelpdeskErrors(next));
export const helpdeskClientProcedure = clientProcedure.use(({ next }) => mapHelpdeskErrors(next));
export const helpdeskPublicProcedure = publicProcedure.use(({ next }) => mapHelpdeskErrors(next));
