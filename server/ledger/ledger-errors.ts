/**
 * Errors the ledger raises on purpose, and the translation of the rules
 * PostgreSQL enforces (the triggers in the invoice_ledger migration) into
 * messages a person can act on. The triggers are the guarantee; this file only
 * makes their refusals readable.
 */
import type { TRPCError } from "@trpc/server";
import { RequestError } from "@/server/errors/request-error";

type Kind = "not_found" | "invalid_input" | "invalid_state" | "unbalanced" | "posted_immutable" | "not_configured";

const STATUS: Record<Kind, [number, TRPCError["code"]]> = {
  not_found: [404, "NOT_FOUND"],
  invalid_input: [422, "BAD_REQUEST"],
  invalid_state: [409, "CONFLICT"],
  unbalanced: [422, "BAD_REQUEST"],
  posted_immutable: [409, "CONFLICT"],
  not_configured: [412, "PRECONDITION_FAILED"],
};

/** A ledger refusal with its 4xx; the shared error mapper passes RequestErrors through as they are. */
export function ledgerError(kind: Kind, message: string, field: string | null = null): RequestError {
  const [status, trpcCode] = STATUS[kind];
  return new RequestError(status, kind, trpcCode, message, field);
}

/** SQLSTATEs raised by the ledger's triggers. */
const TRIGGER_STATES: Record<string, () => RequestError> = {
  LG001: () => ledgerError("unbalanced", "The entry does not balance: its debits must equal its credits. Nothing was saved."),
  LG002: () => ledgerError("posted_immutable", "A posted entry cannot be changed or deleted; record a correcting entry instead. Nothing was saved."),
  LG003: () => ledgerError("invalid_input", "Each line is either a debit or a credit, and never negative. Nothing was saved."),
};

/** The SQLSTATE inside whatever Prisma, the driver adapter or pg threw, if any. */
export function sqlStateOf(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    // Prisma's own codes (P2010 for a failed raw query) wrap the driver's error: look inside.
    for (const code of [e.originalCode, e.code]) if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code)) return code;
    current = e.meta?.driverAdapterError?.cause ?? e.cause;
  }
  return null;
}

/** The readable error for a ledger trigger's refusal, or the error unchanged. */
export function translateLedgerError(error: unknown): unknown {
  const state = sqlStateOf(error);
  const make = state ? TRIGGER_STATES[state] : undefined;
  return make ? make() : error;
}

/** Runs `work`, turning a ledger trigger's refusal into its readable error. */
export async function withLedgerRules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateLedgerError(error);
  }
}
