import { MAX_LAGO_BATCH_EVENTS } from "@/lib/validators/billing-api";
import { billingApi, errorResponse, jsonResponse, readJson } from "@/server/billing/api/api-handler";
import { BillingError } from "@/server/billing/errors";
import { lagoEventJson } from "@/server/billing/lago/event-json";
import { ingestLagoEvents } from "@/server/billing/lago/ingest-events";
import { db } from "@/server/db";

// POST /api/billing/v1/events/batch – up to 100 Lago events, all or nothing; errors keyed by the event's index
export const POST = billingApi("events.batch", async ({ request, service }) => {
  const body = (await readJson(request)) as { events?: unknown } | null;
  if (!body || typeof body !== "object" || !Array.isArray(body.events) || body.events.length === 0) {
    throw new BillingError("invalid_request", "Body must be a JSON object with a non-empty events array");
  }
  if (body.events.length > MAX_LAGO_BATCH_EVENTS) {
    const message = `too_many_events: at most ${MAX_LAGO_BATCH_EVENTS} events per batch`;
    throw new BillingError("validation_failed", message, { fieldErrors: { events: "too_many_events" } });
  }
  const now = new Date();
  const result = await ingestLagoEvents(db, service.id, body.events, now);
  if (!result.ok) {
    const count = Object.keys(result.errors).length;
    return errorResponse(422, "validation_errors", `${count} of ${body.events.length} events refused; nothing was stored (see error_details by index)`, result.errors);
  }
  return jsonResponse(200, { events: result.events.map((e) => lagoEventJson(e, now)) });
});
