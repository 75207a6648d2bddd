import { NextResponse } from "next/server";
import { db } from "@/server/db";
import { mapError } from "@/server/errors/map-error";
import { ASCORA_WEBHOOK } from "@/server/crm/connectors/ascora/ascora-assumed-api";
import { receiveAscoraWebhook } from "@/server/field-jobs/webhooks/receive-ascora-webhook";
import { BODY_LIMITS, readBodyText } from "@/server/http/read-body";

export const dynamic = "force-dynamic";

// POST /api/webhooks/ascora/<connectionId> – Ascora reports a job's new status: verify, store once, apply in Inngest
export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  try {
    const { connectionId } = await params;
    const rawBody = await readBodyText(request, BODY_LIMITS.json);
    const answer = await receiveAscoraWebhook(db, {
      connectionId,
      rawBody,
      signature: request.headers.get(ASCORA_WEBHOOK.signatureHeader),
      timestamp: request.headers.get(ASCORA_WEBHOOK.timestampHeader),
    });
    return NextResponse.json(answer.body, { status: answer.status });
  } catch (error) {
    const mapped = mapError(error, "field_jobs.webhook");
    return NextResponse.json({ code: mapped.code, message: mapped.message, details: mapped.details }, { status: mapped.status });
  }
}
