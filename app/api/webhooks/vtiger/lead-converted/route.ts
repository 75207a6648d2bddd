import { NextResponse } from "next/server";
import { db } from "@/server/db";
import { LEAD_TOKEN_HEADER, receiveLeadWebhook } from "@/server/crm/webhooks/receive-lead-webhook";
import { mapError } from "@/server/errors/map-error";
import { BODY_LIMITS, readBodyText } from "@/server/http/read-body";

export const dynamic = "force-dynamic";

// POST /api/webhooks/vtiger/lead-converted – Vtiger's workflow sent a converted lead's contact: create or link its customer (in Inngest)
export async function POST(request: Request): Promise<Response> {
  try {
    const rawBody = await readBodyText(request, BODY_LIMITS.json);
    const answer = await receiveLeadWebhook(db, {
      rawBody,
      contentType: request.headers.get("content-type") ?? "",
      url: new URL(request.url),
      tokenHeader: request.headers.get(LEAD_TOKEN_HEADER),
    });
    return NextResponse.json(answer.body, { status: answer.status });
  } catch (error) {
    const mapped = mapError(error, "crm.webhook");
    return NextResponse.json({ code: mapped.code, message: mapped.message, details: mapped.details }, { status: mapped.status });
  }
}
