/**
 * The Vtiger lead webhook's front door. Stock Vtiger 8.4 has no webhook task:
 * its workflows reach outside only through "Invoke Custom Function", which
 * runs a PHP function the admin registers (README, CRM section, gives ours).
 * That function posts the workflow's entity data, form-encoded as PHP's
 * http_build_query writes it (JSON with the same flat fields also works),
 * with the shared secret in `X-Switchboard-Token` or, where only a URL can
 * be configured, `?token=`. We check the secret, check the body, answer at
 * once and leave the work to Inngest; a contact already received is a 200
 * that does nothing.
 */
import { inngest } from "@/inngest/client";
import { crmLeadConverted } from "@/inngest/events";
import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { safeEqual } from "@/server/security/tokens";
import { dispatchSyncWork } from "../engine/dispatch";
import { convertedContactSchema, importConvertedLead, leadAlreadyReceived, type LeadConvertedEvent } from "./lead-converted";

export const LEAD_TOKEN_HEADER = "x-switchboard-token";

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

const problem = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { code, message, details: {} } });

/** The body as flat string fields, or the problem with it. */
function readFields(raw: string, contentType: string): Record<string, unknown> | WebhookAnswer {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(raw));
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return problem(400, "invalid_json", "The body is not valid JSON");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return problem(400, "invalid_request", "The body must be a JSON object of the contact's fields");
    return parsed as Record<string, unknown>;
  }
  return problem(415, "unsupported_media_type", "Send the contact's fields as application/x-www-form-urlencoded or application/json");
}

function isAnswer(v: unknown): v is WebhookAnswer {
  return typeof v === "object" && v !== null && "status" in v && "body" in v;
}

export async function receiveLeadWebhook(
  db: Db,
  request: { rawBody: string; contentType: string; url: URL; tokenHeader: string | null },
): Promise<WebhookAnswer> {
  const secret = appEnv.crm().vtigerWebhookSecret;
  if (!secret) return problem(401, "not_configured", "This webhook is not configured (VTIGER_WEBHOOK_SECRET is unset)");
  const token = request.tokenHeader ?? request.url.searchParams.get("token");
  if (!token) return problem(401, "missing_token", `Send the shared secret in the ${LEAD_TOKEN_HEADER} header or the token query parameter`);
  if (!safeEqual(token, secret)) return problem(401, "bad_token", "The shared secret does not match");

  const fields = readFields(request.rawBody, request.contentType);
  if (isAnswer(fields)) return fields;
  const parsed = convertedContactSchema.safeParse(fields);
  if (!parsed.success) {
    return problem(400, "invalid_request", parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
  }
  const event: LeadConvertedEvent = { connectionId: request.url.searchParams.get("connection") || undefined, contact: parsed.data };
  if (await leadAlreadyReceived(db, event.contact.id)) return { status: 200, body: { received: true, replayed: true } };

  await sendOrRunInline(
    "crm.lead",
    // The contact id is the Inngest event id too: two quick deliveries run once.
    () => inngest.send(crmLeadConverted.create(event, { id: `vtiger-lead-${event.contact.id}` })),
    async () => {
      const result = await importConvertedLead(db, event);
      await dispatchSyncWork(result.wake);
    },
  );
  return { status: 202, body: { received: true, replayed: false } };
}
