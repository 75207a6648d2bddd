import { z, ZodError } from "zod";
import { intakeTicketSchema, ticketNumberSchema } from "@/lib/validators/helpdesk";
import { appEnv } from "@/server/config-readers";
import { db as defaultDb, type Db } from "@/server/db";
import { mapError, retryHeaders } from "@/server/errors/map-error";
import { readBodyText } from "@/server/http/read-body";
import { authenticateHelpdeskApiKey, type IntakeCaller } from "./api-keys";
import { fileIntakeTicket, requestFingerprint } from "./file-intake-ticket";
import { getIntakeTicket, listIntakeTickets } from "./read-intake-tickets";

/**
 * The /api/v1/tickets REST surface as plain Request → Response functions, so
 * the route files stay one line and tests drive the real handlers. Every error
 * is `{ code, message, details }` with the matching status.
 */

/** Largest request body accepted: 25 MB of attachments grow by a third in base64, plus the fields. */
export const MAX_INTAKE_BODY_BYTES = 36 * 1024 * 1024;

type Details = Record<string, string[]> | null;

export function errorResponse(status: number, code: string, message: string, details: Details = null, headers: HeadersInit = {}): Response {
  return Response.json({ code, message, details }, { status, headers });
}

function zodDetails(error: ZodError): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "body";
    (details[key] ??= []).push(issue.message);
  }
  return details;
}

function validationFailed(error: ZodError): Response {
  const details = zodDetails(error);
  const message = Object.entries(details)
    .map(([field, msgs]) => `${field}: ${msgs[0]}`)
    .join("; ");
  return errorResponse(422, "invalid_input", message, details);
}

async function authenticate(request: Request, db: Db): Promise<IntakeCaller | Response> {
  const caller = await authenticateHelpdeskApiKey(db, request.headers.get("authorization"));
  if (!caller) {
    return errorResponse(401, "unauthorized", "Send a valid API key as `Authorization: Bearer <key>`", null, {
      "WWW-Authenticate": 'Bearer realm="switchboard-tickets"',
    });
  }
  return caller;
}

function serviceError(error: unknown): Response {
  const mapped = mapError(error, "helpdesk.intake");
  return errorResponse(mapped.status, mapped.code, mapped.message, mapped.fieldErrors, retryHeaders(mapped));
}

const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1, { error: "Idempotency-Key must not be empty" })
  .max(255, { error: "Idempotency-Key may be at most 255 characters" });

/** POST /api/v1/tickets – file a ticket for a client's signed-in user. */
export async function handleCreateIntakeTicket(request: Request, db: Db = defaultDb): Promise<Response> {
  const caller = await authenticate(request, db);
  if (caller instanceof Response) return caller;

  let raw: string;
  try {
    raw = await readBodyText(request, MAX_INTAKE_BODY_BYTES);
  } catch (error) {
    return serviceError(error);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return errorResponse(400, "invalid_json", "The request body is not valid JSON");
  }
  const parsed = intakeTicketSchema.safeParse(body);
  if (!parsed.success) return validationFailed(parsed.error);

  const headerKey = request.headers.get("idempotency-key");
  let idempotencyKey: string | null = null;
  if (headerKey !== null) {
    const key = idempotencyKeySchema.safeParse(headerKey);
    if (!key.success) return errorResponse(422, "invalid_input", key.error.issues[0]!.message, { "Idempotency-Key": [key.error.issues[0]!.message] });
    idempotencyKey = key.data;
  }

  try {
    const result = await fileIntakeTicket(caller, parsed.data, { idempotencyKey, fingerprint: requestFingerprint(raw) }, db);
    return Response.json(result.body, {
      status: 201,
      headers: {
        Location: `${appEnv.helpdesk().appUrl}/api/v1/tickets/${result.body.number}`,
        ...(result.replayed ? { "Idempotent-Replayed": "true" } : {}),
      },
    });
  } catch (error) {
    return serviceError(error);
  }
}

const listQuerySchema = z.object({
  reporter: z
    .string({ error: "reporter is required: the e-mail whose tickets to list" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "reporter must be an e-mail address" })),
  limit: z.coerce.number().int().min(1).max(100, { error: "limit may be at most 100" }).default(50),
});

/** GET /api/v1/tickets?reporter=<email> – a reporter's tickets in the key's organisation. */
export async function handleListIntakeTickets(request: Request, db: Db = defaultDb): Promise<Response> {
  const caller = await authenticate(request, db);
  if (caller instanceof Response) return caller;
  const params = new URL(request.url).searchParams;
  const query = listQuerySchema.safeParse({ reporter: params.get("reporter") ?? undefined, limit: params.get("limit") ?? undefined });
  if (!query.success) return validationFailed(query.error);
  try {
    const tickets = await listIntakeTickets(db, caller, query.data);
    return Response.json({ tickets });
  } catch (error) {
    return serviceError(error);
  }
}

/** GET /api/v1/tickets/<number> – one ticket of the key's organisation, public messages only. */
export async function handleGetIntakeTicket(request: Request, number: string, db: Db = defaultDb): Promise<Response> {
  const caller = await authenticate(request, db);
  if (caller instanceof Response) return caller;
  const parsed = ticketNumberSchema.safeParse(number);
  if (!parsed.success) return errorResponse(404, "not_found", "Ticket not found");
  try {
    const ticket = await getIntakeTicket(db, caller, parsed.data);
    if (!ticket) return errorResponse(404, "not_found", "Ticket not found");
    return Response.json({ ticket });
  } catch (error) {
    return serviceError(error);
  }
}
