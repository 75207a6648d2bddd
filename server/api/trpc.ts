/**
 * tRPC setup. Routers never check sessions or roles themselves: they pick one
 * of the procedure tiers in section 3.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { isClientRole, isProviderRole } from "@/lib/auth/roles";
import { db } from "@/server/db";
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

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure;

/** Any signed-in user. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
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
