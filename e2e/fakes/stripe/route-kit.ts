/** The pieces every fake Stripe endpoint is built from: context, param readers, lists. */
import type { FormParams, FormValue } from "./form-body";
import { FakeStripeState, newId, nowSec, type StripeObject } from "./state";
import { invalid } from "./stripe-error";

export interface RouteContext {
  state: FakeStripeState;
  params: FormParams;
  /** Captures from the route pattern, e.g. the id in /v1/customers/:id. */
  ids: string[];
  baseUrl: string;
  requestId: string;
  idempotencyKey: string | null;
  /** Records an event (and forwards it to the webhook endpoint, if one is set). */
  emit(type: string, object: StripeObject, previousAttributes?: Record<string, unknown>): void;
}

export interface ListObject {
  object: "list";
  data: StripeObject[];
  has_more: boolean;
  url: string;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  /** Top-level parameters the endpoint accepts (`expand` is always allowed). */
  params: readonly string[];
  handle(ctx: RouteContext): StripeObject | ListObject;
}

export function route(
  method: Route["method"],
  path: string,
  params: readonly string[],
  handle: Route["handle"],
): Route {
  const pattern = new RegExp(`^${path.replace(/:[a-z_]+/g, "([^/]+)")}$`);
  return { method, pattern, params, handle };
}

export function optionalString(params: FormParams, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw invalid(`Invalid string: ${name} must be a string`, name);
  return v;
}

export function requiredString(params: FormParams, name: string): string {
  const v = optionalString(params, name);
  if (v === undefined || v === "") throw invalid(`Missing required param: ${name}.`, name, "parameter_missing");
  return v;
}

export function optionalInteger(params: FormParams, name: string): number | undefined {
  const v = optionalString(params, name);
  if (v === undefined || v === "") return undefined;
  if (!/^-?\d+$/.test(v)) throw invalid(`Invalid integer: ${v}`, name);
  return Number(v);
}

export function optionalBoolean(params: FormParams, name: string): boolean | undefined {
  const v = optionalString(params, name);
  if (v === undefined || v === "") return undefined;
  if (v !== "true" && v !== "false") throw invalid(`Invalid boolean: ${v}`, name);
  return v === "true";
}

export function optionalHash(params: FormParams, name: string): Record<string, FormValue> | undefined {
  const v = params[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw invalid(`Invalid hash: ${name} must be a hash`, name);
  return v;
}

/** Applies `metadata[...]` updates: an empty string deletes a key, as on Stripe. */
export function mergeMetadata(current: Record<string, string>, params: FormParams): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined) return current;
  if (raw === "") return {};
  const hash = optionalHash(params, "metadata") ?? {};
  const next = { ...current };
  for (const [key, value] of Object.entries(hash)) {
    if (typeof value !== "string") throw invalid(`Invalid metadata: values must be strings (metadata[${key}])`, "metadata");
    if (value === "") delete next[key];
    else next[key] = value;
  }
  return next;
}

export function stringList(params: FormParams, name: string): string[] | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw invalid(`Invalid array: ${name}`, name);
  return v as string[];
}

/** Newest-first list with Stripe's limit / starting_after / ending_before cursor. */
export function listOf(items: StripeObject[], url: string, params: FormParams): ListObject {
  const limit = optionalInteger(params, "limit") ?? 10;
  if (limit < 1 || limit > 100) throw invalid("Invalid limit: must be between 1 and 100", "limit");
  const sorted = [...items].reverse().sort((a, b) => Number(b.created ?? 0) - Number(a.created ?? 0));
  let start = 0;
  const after = optionalString(params, "starting_after");
  const before = optionalString(params, "ending_before");
  if (after) {
    const i = sorted.findIndex((x) => x.id === after);
    if (i < 0) throw invalid(`No such object: '${after}'`, "starting_after", "resource_missing");
    start = i + 1;
  }
  let end = sorted.length;
  if (before) {
    const i = sorted.findIndex((x) => x.id === before);
    if (i < 0) throw invalid(`No such object: '${before}'`, "ending_before", "resource_missing");
    end = i;
    start = Math.max(0, end - limit);
  }
  const data = sorted.slice(start, Math.min(end, start + limit));
  return { object: "list", data, has_more: start + limit < end, url };
}

export { newId, nowSec };
