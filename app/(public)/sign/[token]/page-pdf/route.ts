import { signingSourceFor } from "@/server/applications/complete-signature";
import { extractPage } from "@/server/applications/signed-pdf";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

// GET /sign/<token>/page-pdf – the one page to sign, as its own PDF, shown in the signer's page (same origin, no script of ours)
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const source = await signingSourceFor(db, (await params).token);
  if (!source) return new Response("This signing link is no longer valid.", { status: 404, headers: { "Content-Type": "text/plain" } });
  const bytes = await extractPage(source.bytes, source.page);
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="page-${source.page}.pdf"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      // Framed only by our own signing page.
      "Content-Security-Policy": "frame-ancestors 'self'",
      "X-Frame-Options": "SAMEORIGIN",
    },
  });
}
