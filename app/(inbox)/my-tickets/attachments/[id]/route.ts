import { isStorableText } from "@/lib/validators/text";
import { isClientRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { attachmentResponse } from "@/server/helpdesk/attachment-response";
import { getInboxAttachment } from "@/server/helpdesk/inbox/get-inbox-attachment";

export const dynamic = "force-dynamic";

// GET /my-tickets/attachments/<id> – download a file of a public message on a ticket in the caller's scope
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user || !isClientRole(user.role)) return attachmentResponse(null);
  const { id } = await params;
  // An id with a NUL byte cannot exist, and PostgreSQL refuses to even compare it.
  if (!isStorableText(id)) return attachmentResponse(null);
  return attachmentResponse(await getInboxAttachment(db, user, id));
}
