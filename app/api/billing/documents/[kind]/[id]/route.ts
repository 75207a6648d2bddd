import { renderCreditNotePdf, renderInvoicePdf } from "@/server/billing/documents/invoice-pdf";
import { verifyDocumentToken, type DocumentKind } from "@/server/billing/documents/document-links";
import { BillingError } from "@/server/billing/errors";
import { appEnv } from "@/server/config-readers";
import { db } from "@/server/db";

type Params = { kind: string; id: string };

const json = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ status, code, message }), { status, headers: { "content-type": "application/json; charset=utf-8" } });

// GET /api/billing/documents/:kind/:id?token= – an issued invoice's or credit note's PDF, by the signed link in its e-mail (no account)
export async function GET(request: Request, context: { params: Promise<Params> }): Promise<Response> {
  const { kind, id } = await context.params;
  if (kind !== "invoice" && kind !== "credit_note") return json(404, "not_found", "No such document");
  const token = new URL(request.url).searchParams.get("token");
  if (!verifyDocumentToken(kind as DocumentKind, id, token, appEnv.billing().documentSecret)) {
    return json(403, "forbidden", "This document link is not valid");
  }
  try {
    const doc = kind === "invoice" ? await renderInvoicePdf(db, id) : await renderCreditNotePdf(db, id);
    return new Response(Buffer.from(doc.bytes), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${doc.filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof BillingError) return json(error.status, error.code, error.message);
    throw error;
  }
}
