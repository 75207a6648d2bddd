import { billingApi, errorResponse, jsonResponse, readJson } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { lagoEventJson } from "@/server/billing/lago/event-json";
import { ingestLagoEvents } from "@/server/billing/lago/ingest-events";
import { db } from "@/server/db";

// POST /api/billing/v1/events – one of Lago's raw events, aggregated into the usage store; a transaction_id counts once
export const POST = billingApi("events.create", async ({ request, service }) => {
  const body = (await readJson(request)) as { event?: unknown } | null;
  if (!body || typeof body !== "object" || typeof body.event !== "object" || body.event === null) {
    throw new BillingError("invalid_request", "Body must be a JSON object with an event object");
  }
  const now = new Date();
  const result = await ingestLagoEvents(db, service.id, [body.event], now);
  if (!result.ok) {
    const details = result.errors[0] ?? {};
    return errorResponse(422, "validation_errors", describe(details), details);
  }
  return jsonResponse(200, { event: lagoEventJson(result.events[0]!, now) });
});

function describe(details: Record<string, string[]>): string {
  return Object.entries(details).map(([field, codes]) => `${field}: ${codes.join(", ")}`).join("; ");
}
