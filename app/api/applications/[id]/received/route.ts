import { getSessionUser } from "@/server/auth/session";
import { handleMarkReceived } from "@/server/applications/upload-http";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

// POST /api/applications/<id>/received – mark the application received with its documents (multipart)
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleMarkReceived(request, await getSessionUser(), (await params).id, db);
}
