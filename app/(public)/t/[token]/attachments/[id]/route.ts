import { isStorableText } from "@/lib/validators/text";
import { requestContextFromHeaders } from "@/server/auth/request-context";
import { db } from "@/server/db";
import { attachmentResponse } from "@/server/helpdesk/attachment-response";
import { getFollowLinkAttachment } from "@/server/helpdesk/inbox/get-inbox-attachment";
import { takeFollowLinkRequest } from "@/server/helpdesk/links/follow-link-gate";

export const dynamic = "force-dynamic";

// GET /t/<token>/attachments/<id> – download a file of a public message on the link's ticket
export async function GET(request: Request, { params }: { params: Promise<{ token: string; id: string }> }) {
  const decision = await takeFollowLinkRequest(requestContextFromHeaders(request.headers).ip);
  if (!decision.allowed) {
    return new Response("Too many requests", { status: 429, headers: { "Retry-After": String(decision.retryAfterSec) } });
  }
  const { token, id } = await params;
  // An id with a NUL byte cannot exist, and PostgreSQL refuses to even compare it.
  if (!isStorableText(id)) return attachmentResponse(null);
  return attachmentResponse(await getFollowLinkAttachment(db, token, id));
}
