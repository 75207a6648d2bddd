import { billingApi, errorResponse, jsonResponse, readJson } from "@/server/billing/api/api-handler";
import { ingestUsage } from "@/server/billing/usage/ingest-usage";
import { db } from "@/server/db";

// POST /api/billing/v1/usage – store a batch of aggregated usage counters (idempotent per key); 202 with a result per item
export const POST = billingApi("usage.create", async ({ request, service }) => {
  const result = await ingestUsage(db, service.id, await readJson(request));
  if (!result.ok) {
    return errorResponse(400, "invalid_request", result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; "), {
      errors: result.errors,
    });
  }
  const body = { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, results: result.results };
  // Every item refused: nothing was taken, so this is a client error, still with the per-item reasons.
  if (result.accepted + result.duplicates === 0) {
    return jsonResponse(422, { code: "all_items_rejected", message: "No usage item was accepted; see details.results", details: body });
  }
  return jsonResponse(202, body);
});
