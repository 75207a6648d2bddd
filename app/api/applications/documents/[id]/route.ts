import { isProviderRole } from "@/lib/auth/roles";
import { getApplicationDocument } from "@/server/applications/get-application";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db";
import { attachmentResponse } from "@/server/helpdesk/attachment-response";

export const dynamic = "force-dynamic";

// GET /api/applications/documents/<id> – download a stored application PDF (provider staff; client admins of its organisation)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getSessionUser();
  if (!user || (!isProviderRole(user.role) && user.role !== "CLIENT_ADMIN")) return attachmentResponse(null);
  const scope = { organisationId: isProviderRole(user.role) ? null : user.organisationId };
  return attachmentResponse(await getApplicationDocument(db, (await params).id, scope));
}
