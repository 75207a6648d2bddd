import { isClientRole } from "@/lib/auth/roles";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { attachmentResponse } from "@/server/helpdesk/attachment-response";
import { inboxScopeWhere } from "@/server/helpdesk/inbox/inbox-scope";

export const dynamic = "force-dynamic";

// GET /my-tickets/attachments/<id> – download an attachment of a public message on a ticket in the caller's scope
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user || !isClientRole(user.role)) return new Response("Not found", { status: 404 });
  const { id } = await params;
  const attachment = await db.ticketAttachment.findFirst({
    where: { id, organisationId: user.organisationId, message: { visibility: "public" }, ticket: inboxScopeWhere(user, "all") },
  });
  return attachmentResponse(attachment);
}
