/**
 * The frame of every /api/billing/v1 route: bearer API key → service,
 * per-service rate limit (429 + Retry-After), and errors as Lago answers
 * them (`{ status, error, code, error_details }`, which its official client
 * reads) plus our `message` and `details`, with the right 4xx. Only a bug
 * gives a 500.
 */
import type { z } from "zod";
import { findUnstorable } from "@/lib/validators/text";
import { db } from "@/server/db";
import { mapError, retryHeaders } from "@/server/errors/map-error";
import { unstorableInput } from "@/server/errors/request-error";
import type { BillingService } from "@/server/generated/prisma/client";
import { BODY_LIMITS, readBodyText } from "@/server/http/read-body";
import { hashToken } from "@/server/security/tokens";
import { BillingError } from "../errors";
import { billingApiRateLimiter } from "./rate-limiter";
import { cachedServiceForKeyHash, rememberServiceForKeyHash } from "./service-key-cache";

export type ApiService = Pick<BillingService, "id" | "code" | "rateLimitPerMinute">;

export interface ApiContext<P> {
  request: Request;
  service: ApiService;
  params: P;
}

type RouteContext<P> = { params: Promise<P> };

/** A JSON response (money and quantities are already strings). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Lago's error_details: each invalid field with its messages. */
function lagoErrorDetails(details: Record<string, unknown>): Record<string, unknown> {
  const fieldErrors = details.fieldErrors;
  if (!fieldErrors || typeof fieldErrors !== "object") return details;
  return Object.fromEntries(Object.entries(fieldErrors as Record<string, unknown>).map(([field, message]) => [field, [message]]));
}

export function errorResponse(status: number, code: string, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  // Lago names a failed validation "validation_errors"; everything else keeps our stable code.
  const lagoCode = code === "validation_failed" ? "validation_errors" : code;
  return jsonResponse(
    status,
    { status, error: REASONS[status] ?? "Error", code: lagoCode, error_details: lagoErrorDetails(details), message, details },
    headers,
  );
}

const lastUsedWrites = new Map<string, number>();

/** The service a bearer key belongs to, or a 401 naming what is wrong. */
export async function authenticateService(authorization: string | null): Promise<ApiService> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    throw new BillingError("unauthorized", "Send the service's API key as Authorization: Bearer <key>");
  }
  const keyHash = hashToken(match[1]);
  const now = Date.now();
  const cached = cachedServiceForKeyHash(keyHash, now);
  if (cached) return cached;
  const service = await db.billingService.findUnique({
    where: { apiKeyHash: keyHash },
    select: { id: true, code: true, rateLimitPerMinute: true, active: true },
  });
  if (!service) throw new BillingError("unauthorized", "The API key is not valid");
  if (!service.active) throw new BillingError("forbidden", `Service ${service.code} is deactivated`);
  rememberServiceForKeyHash(keyHash, { id: service.id, code: service.code, rateLimitPerMinute: service.rateLimitPerMinute }, now);
  // Record use at most once a minute: the hot path should not write a row per request.
  if ((lastUsedWrites.get(service.id) ?? 0) < now - 60_000) {
    lastUsedWrites.set(service.id, now);
    void db.billingService.update({ where: { id: service.id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  }
  return { id: service.id, code: service.code, rateLimitPerMinute: service.rateLimitPerMinute };
}

/** Reads a JSON body of at most 1 MB; an empty body is `{}`, anything unreadable a 400. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, BODY_LIMITS.json);
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new BillingError("invalid_request", "The body is not valid JSON");
  }
  return body;
}

/** Parses with a zod schema; failures become a 422 listing each field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  return schema.parse(body);
}

/** A path segment (customer external id, invoice id, plan code) PostgreSQL can store. */
function assertStorableParams(params: unknown): void {
  const problem = findUnstorable(params, { label: "path" });
  if (problem) throw unstorableInput(problem.path, problem.message);
}

function errorToResponse(error: unknown, route: string): Response {
  const mapped = mapError(error, `billing.${route}`);
  return errorResponse(mapped.status, mapped.code, mapped.message, mapped.details, retryHeaders(mapped));
}

/** Wraps a route handler with auth, rate limiting and error mapping. */
export function billingApi<P = Record<string, never>>(name: string, handler: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const service = await authenticateService(request.headers.get("authorization"));
      const decision = await billingApiRateLimiter.take(service.id, service.rateLimitPerMinute);
      if (!decision.allowed) {
        return errorResponse(
          429,
          "rate_limited",
          `Service ${service.code} may make ${service.rateLimitPerMinute} requests per minute; retry after ${decision.retryAfterSec}s`,
          { limit_per_minute: service.rateLimitPerMinute, retry_after_seconds: decision.retryAfterSec },
          { "retry-after": String(decision.retryAfterSec) },
        );
      }
      const params = (await context?.params) ?? ({} as P);
      assertStorableParams(params);
      return await handler({ request, service, params });
    } catch (error) {
      return errorToResponse(error, name);
    }
  };
}

/** page / per_page query parameters (Lago's names), 1-based, at most 100 per page. */
export function pagingFrom(url: URL): { page: number; pageSize: number } {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "25");
  if (!Number.isInteger(page) || page < 1) throw new BillingError("invalid_request", "page must be a whole number ≥ 1");
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) throw new BillingError("invalid_request", "per_page must be a whole number from 1 to 100");
  return { page, pageSize: perPage };
}

/** Lago's list metadata. */
export function pageMeta(result: { total: number; page: number; pageSize: number }) {
  const totalPages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return {
    current_page: result.page,
    next_page: result.page < totalPages ? result.page + 1 : null,
    prev_page: result.page > 1 ? result.page - 1 : null,
    total_pages: totalPages,
    total_count: result.total,
  };
}
