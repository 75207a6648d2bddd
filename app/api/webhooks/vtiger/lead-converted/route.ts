import { NextResponse } from "next/server";
import { db } from "@/server/db";
import { crmConfig } from "@/server/crm/crm-config";
import { dispatchSyncWork } from "@/server/crm/engine/dispatch";
import { handleLeadConverted, leadConvertedSchema, ReplayedEventError } from "@/server/crm/webhooks/lead-converted";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from "@/server/crm/webhooks/webhook-signature";
import { mapError } from "@/server/errors/map-error";
import { BODY_LIMITS, readBodyText } from "@/server/http/read-body";

export const dynamic = "force-dynamic";

function problem(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return NextResponse.json({ code, message, details }, { status });
}

// POST /api/webhooks/vtiger/lead-converted – Vtiger converted a lead: create (or link) the customer here
export async function POST(request: Request): Promise<Response> {
  let raw: string;
  try {
    raw = await readBodyText(request, BODY_LIMITS.json);
  } catch (error) {
    const mapped = mapError(error, "crm.webhook");
    return problem(mapped.status, mapped.code, mapped.message, mapped.details);
  }
  const headers = { signature: request.headers.get(SIGNATURE_HEADER), timestamp: request.headers.get(TIMESTAMP_HEADER) };
  if (!headers.signature || !headers.timestamp) {
    return problem(401, "unsigned", `Sign the request: ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers are required`);
  }
  const secret = crmConfig().vtigerWebhookSecret;
  if (!secret) return problem(401, "not_configured", "This webhook is not configured (VTIGER_WEBHOOK_SECRET is unset)");
  const check = verifyWebhookSignature(raw, headers, secret);
  if (!check.ok) return problem(401, "bad_signature", `The signature is not valid (${check.reason})`);

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return problem(400, "invalid_json", "The body is not JSON");
  }
  const parsed = leadConvertedSchema.safeParse(body);
  if (!parsed.success) {
    return problem(400, "invalid_request", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  try {
    const result = await handleLeadConverted(db, parsed.data);
    await dispatchSyncWork(result.wake);
    return NextResponse.json({ customerId: result.customerId, created: result.created }, { status: result.created ? 201 : 200 });
  } catch (e) {
    // A sender that retries (or a replay) gets the first delivery's answer and changes nothing.
    if (e instanceof ReplayedEventError) return NextResponse.json({ customerId: e.customerId, created: false, replayed: true }, { status: 200 });
    const mapped = mapError(e, "crm.webhook");
    return problem(mapped.status, mapped.code, mapped.message, mapped.details);
  }
}
