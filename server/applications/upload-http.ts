/**
 * The multipart routes under /api/applications as plain Request → Response
 * functions (the route files only resolve the session): checking a PDF before
 * confirming, confirming the "Application received" wizard, and sending a
 * signing request with the PDF to sign. Files travel as multipart parts
 * rather than base64 inside tRPC JSON, because scans run to megabytes.
 * Every error is `{ code, message, details }` with a 4xx status.
 */
import { isProviderRole } from "@/lib/auth/roles";
import { markReceivedFieldsSchema, requestSignatureFieldsSchema } from "@/lib/validators/applications";
import { isSameOrigin } from "@/server/approvals/confirm-submission";
import type { SessionUser } from "@/server/auth/session-user";
import { appEnv } from "@/server/config-readers";
import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { type ApplicationsConfig } from "./applications-env";
import { ApplicationError, applicationErrorStatus } from "./errors";
import { formatMegabytes, inspectPdf } from "./inspect-pdf";
import { markApplicationReceived, type UploadedFile } from "./mark-received";
import { requestSignature } from "./signing-requests";

function errorResponse(status: number, code: string, message: string, field?: string): Response {
  return Response.json({ code, message, details: field ? { [field]: [message] } : null }, { status });
}

type Parsed = { ok: true; form: FormData; actor: { userId: string; name: string } } | { ok: false; response: Response };

/** Session, role, origin and size checks, then the multipart body. */
async function readForm(request: Request, user: SessionUser | null, config: ApplicationsConfig, files: number): Promise<Parsed> {
  if (!user) return { ok: false, response: errorResponse(401, "unauthorized", "Sign in to continue.") };
  if (!isProviderRole(user.role)) return { ok: false, response: errorResponse(403, "forbidden", "This is for the provider's staff only.") };
  // Cookies are SameSite=Lax already; the Origin check keeps other sites' forms out even so.
  if (!isSameOrigin(request.headers.get("origin"), request.headers.get("host"), config.appUrl)) {
    return { ok: false, response: errorResponse(403, "forbidden", "This request did not come from the console.") };
  }
  const limit = files * config.maxPdfBytes + 64 * 1024;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return { ok: false, response: errorResponse(413, "too_large", `Files are limited to ${formatMegabytes(config.maxPdfBytes)} each.`) };
  try {
    return { ok: true, form: await request.formData(), actor: { userId: user.id, name: user.name ?? user.email } };
  } catch {
    return { ok: false, response: errorResponse(400, "invalid_body", "Send the form as multipart/form-data.") };
  }
}

async function fileOf(form: FormData, name: string): Promise<UploadedFile | null> {
  const value = form.get(name);
  if (!(value instanceof File) || (value.size === 0 && value.name === "")) return null;
  return { filename: value.name.slice(0, 255) || `${name}.pdf`, bytes: new Uint8Array(await value.arrayBuffer()) };
}

function textFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") out[key] = value;
  return out;
}

async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApplicationError) return errorResponse(applicationErrorStatus(error), error.code, error.message, error.field);
    logger.error("applications.upload_failed", { error: error instanceof Error ? error.message : String(error) });
    return errorResponse(500, "internal", "Something went wrong on our side and nothing was saved. Please try again.");
  }
}

function invalidFields(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Response {
  const issue = issues[0]!;
  return errorResponse(422, "invalid_input", issue.message, String(issue.path[0] ?? "input"));
}

// POST /api/applications/inspect – check one PDF (content, parse, encryption, size) and return its page count; stores nothing
export async function handleInspectPdf(request: Request, user: SessionUser | null, config = appEnv.applications()): Promise<Response> {
  const parsed = await readForm(request, user, config, 1);
  if (!parsed.ok) return parsed.response;
  return answer(async () => {
    const file = await fileOf(parsed.form, "file");
    const label = parsed.form.get("label") === "signedPages" ? "The signed pages file" : "The original application";
    const pdf = await inspectPdf(file?.bytes ?? new Uint8Array(), { field: "file", label, maxBytes: config.maxPdfBytes });
    return Response.json({ pageCount: pdf.pageCount, sizeBytes: pdf.bytes.length });
  });
}

// POST /api/applications/<id>/received – the "Application received" wizard's confirm
export async function handleMarkReceived(request: Request, user: SessionUser | null, applicationId: string, db: Db, config = appEnv.applications()): Promise<Response> {
  const parsed = await readForm(request, user, config, 2);
  if (!parsed.ok) return parsed.response;
  const fields = markReceivedFieldsSchema.safeParse(textFields(parsed.form));
  if (!fields.success) return invalidFields(fields.error.issues);
  return answer(async () => {
    const result = await markApplicationReceived(
      db,
      {
        applicationId,
        mode: fields.data.mode,
        note: fields.data.note,
        original: await fileOf(parsed.form, "original"),
        // Read only in separate mode: a file left from another mode is discarded unread.
        signedPages: fields.data.mode === "separate" ? await fileOf(parsed.form, "signedPages") : null,
        actor: parsed.actor,
      },
      config,
    );
    return Response.json({ status: "application_received", pageCount: result.pageCount });
  });
}

// POST /api/applications/<id>/signing-requests – send a page for remote signature (optional PDF part "source")
export async function handleRequestSignature(request: Request, user: SessionUser | null, applicationId: string, db: Db, config = appEnv.applications()): Promise<Response> {
  const parsed = await readForm(request, user, config, 1);
  if (!parsed.ok) return parsed.response;
  const fields = requestSignatureFieldsSchema.safeParse(textFields(parsed.form));
  if (!fields.success) return invalidFields(fields.error.issues);
  return answer(async () => {
    const { requestId, emailId } = await requestSignature(
      db,
      { ...fields.data, applicationId, source: await fileOf(parsed.form, "source"), actor: parsed.actor },
      config,
    );
    await dispatchOutboxEmails([emailId]);
    return Response.json({ requestId }, { status: 201 });
  });
}
