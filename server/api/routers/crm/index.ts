import { createTRPCRouter } from "../../trpc";
import { crmConnectionsRouter } from "./connections";
import { crmCustomersRouter } from "./customers";
import { crmStaffRouter } from "./staff";
import { crmSyncRouter } from "./sync";

/** Customers, CRM connections, the sync dashboard and staff accounts. */
export const crmRouter = createTRPCRouter({
  customers: crmCustomersRouter,
  connections: crmConnectionsRouter,
  sync: crmSyncRouter,
  staff: crmStaffRouter,
});
