/**
 * tRPC setup. Routers never check sessions or roles themselves: they pick one
 * of the procedure tiers in section 3.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, ZodRealError, z } from "zod";
import { isClientRole, isProviderRole } from "@/lib/auth/roles";
import { findUnstorable } from "@/lib/validators/text";
import { db } from "@/server/db";
import { mapError } from "@/server/errors/map-error";
import type { SessionUser } from "@/server/auth/session-user";

// 1. CONTEXT ─────────────────────────────────────────────────────────────────

export interface TRPCContext {
  db: typeof db;
  user: SessionUser | null;
  headers: Headers;
}

/** Builds the context from the session user (resolved by the caller: route handler or RSC). */
export function createTRPCContext(opts: { headers: Headers; user: SessionUser | null }): TRPCContext {
  return { db, user: opts.user, headers: opts.headers };
}

// 2. INIT ────────────────────────────────────────────────────────────────────

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? summariseZodError(zodError) : shape.message,
      data: { ...shape.data, fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null },
    };
  },
});

/** "subject: Too short; email: Invalid e-mail" — names every bad field in one line. */
function summariseZodError(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. PROCEDURES ──────────────────────────────────────────────────────────────

/** A tRPC error that carries how long a client should wait before retrying (503s). */
export class RetryableTRPCError extends TRPCError {
  constructor(
    opts: ConstructorParameters<typeof TRPCError>[0],
    readonly retryAfterSec: number,
  ) {
    super(opts);
  }
}

/**
 * Every procedure passes through here. Before: input with a NUL character
 * anywhere is refused, naming the field. After: whatever a procedure threw
 * goes through the one error mapper, so a domain error keeps its message and
 * code and nothing from PostgreSQL or Prisma reaches the client.
 */
const errorBoundary = t.middleware(async ({ next, getRawInput, path }) => {
  const problem = findUnstorable(await getRawInput().catch(() => undefined));
  if (problem) {
    const field = problem.path.replace(/^input\.?/, "") || "input";
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: problem.message,
      cause: new ZodRealError([{ code: "custom", path: field.split("."), message: problem.message, input: undefined }]),
    });
  }
  const result = await next();
  if (result.ok || result.error.code !== "INTERNAL_SERVER_ERROR") return result;
  throw toTRPCError(result.error.cause ?? result.error, path);
});

/** `error` as the tRPC error a client may see (also used for failures while building the context). */
export function toTRPCError(error: unknown, path: string): TRPCError {
  const mapped = mapError(error, `trpc.${path}`);
  const issues = mapped.fieldErrors
    ? Object.entries(mapped.fieldErrors).map(([field, messages]) => ({ code: "custom" as const, path: field.split("."), message: messages[0]!, input: undefined }))
    : null;
  // A ZodRealError cause (zod 4's Error subclass, which tRPC keeps) makes the formatter fill data.fieldErrors, so forms show the message at the field.
  const opts = {
    code: mapped.trpcCode,
    message: mapped.message,
    cause: issues ? new ZodRealError(issues) : mapped.status === 500 ? undefined : error instanceof Error ? error : undefined,
  };
  return mapped.retryAfterSec ? new RetryableTRPCError(opts, mapped.retryAfterSec) : new TRPCError(opts);
}

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorBoundary);

/** Any signed-in user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Provider staff (admins and agents): the console. */
export const providerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isProviderRole(ctx.user.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for the provider's staff only." });
  }
  return next();
});

/** Provider admins only: settings, integrations, billing, audit. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "PROVIDER_ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only provider admins can do this." });
  }
  return next();
});

/**
 * Scoped to the caller's own organisation: `ctx.organisationId` comes from the
 * session, never from input. Every query in such a procedure filters by it.
 */
export const organisationProcedure = protectedProcedure.use(({ ctx, next }) =>
  next({ ctx: { organisationId: ctx.user.organisationId } }),
);

/** Client staff (client admins and users) in their own organisation: the My Tickets inbox. */
export const clientProcedure = organisationProcedure.use(({ ctx, next }) => {
  if (!isClientRole(ctx.user.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for client staff only." });
  }
  return next();
});
