import { isStorableText } from "@/lib/validators/text";
import { isProviderRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { attachmentResponse } from "@/server/helpdesk/attachment-response";

export const dynamic = "force-dynamic";

// GET /tickets/attachments/<id> – download an attachment (provider staff, any organisation)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user || !isProviderRole(user.role)) return new Response("Not found", { status: 404 });
  const { id } = await params;
  // An id with a NUL byte cannot exist, and PostgreSQL refuses to even compare it.
  if (!isStorableText(id)) return attachmentResponse(null);
  const attachment = await db.ticketAttachment.findUnique({ where: { id } });
  return attachmentResponse(attachment);
}
