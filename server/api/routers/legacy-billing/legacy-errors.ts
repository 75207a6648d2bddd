/**
 * Legacy-migration errors become billing errors, which the shared mapper
 * (server/errors) already turns into 4xx with their own message.
 */
import { BillingError } from "@/server/billing/errors";
import { ImportRunError } from "@/server/legacy-billing/import/run-import";
import { ReconciliationError } from "@/server/legacy-billing/reconcile/review-reconciliation";
import { RunClaimError } from "@/server/legacy-billing/runs/run-lease";
import { LegacySourceError } from "@/server/legacy-billing/source/legacy-source-error";

export async function asBillingError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LegacySourceError) {
      const field = error.code === "schema" || error.code === "read_failed" ? "_" : "url";
      throw new BillingError(error.code === "invalid_url" ? "validation_failed" : "invalid_request", error.message, {
        fieldErrors: { [field]: error.message },
        reason: error.code,
      });
    }
    if (error instanceof RunClaimError) throw new BillingError("invalid_state", error.message);
    if (error instanceof ImportRunError) throw new BillingError("invalid_state", error.message);
    if (error instanceof ReconciliationError) throw new BillingError(error.code, error.message);
    throw error;
  }
}
