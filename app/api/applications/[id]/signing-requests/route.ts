import { getSessionUser } from "@/server/auth/session";
import { handleRequestSignature } from "@/server/applications/upload-http";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

// POST /api/applications/<id>/signing-requests – e-mail a signer a single-use link to sign one page (multipart)
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleRequestSignature(request, await getSessionUser(), (await params).id, db);
}
