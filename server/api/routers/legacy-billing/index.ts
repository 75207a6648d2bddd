import { createTRPCRouter } from "../../trpc";
import { legacyImportsRouter } from "./imports";
import { legacyReconciliationRouter } from "./reconciliation";
import { legacySettingsRouter } from "./settings";

/** Moving a provider's billing onto Switchboard: legacy source, shadow import, dual-run reconciliation. */
export const legacyBillingRouter = createTRPCRouter({
  settings: legacySettingsRouter,
  imports: legacyImportsRouter,
  reconciliation: legacyReconciliationRouter,
});
