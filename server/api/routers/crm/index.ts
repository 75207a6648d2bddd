import { createTRPCRouter } from "../../trpc";
import { crmConnectionsRouter } from "./connections";
import { crmStaffRouter } from "./staff";
import { crmSyncRouter } from "./sync";

/** CRM connections, the sync dashboard and staff accounts. */
export const crmRouter = createTRPCRouter({
  connections: crmConnectionsRouter,
  sync: crmSyncRouter,
  staff: crmStaffRouter,
});
