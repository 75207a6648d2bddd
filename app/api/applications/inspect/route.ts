import { getSessionUser } from "@/server/auth/session";
import { handleInspectPdf } from "@/server/applications/upload-http";

export const dynamic = "force-dynamic";

// POST /api/applications/inspect – check a PDF and return its page count (stores nothing)
export async function POST(request: Request) {
  return handleInspectPdf(request, await getSessionUser());
}
