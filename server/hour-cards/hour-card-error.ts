import type { TRPCError } from "@trpc/server";
import { RequestError } from "@/server/errors/request-error";

export type HourCardErrorCode =
  | "card_not_found"
  | "wrong_customer"
  | "card_expired"
  | "card_closed"
  | "invalid_minutes"
  | "insufficient_balance"
  | "duplicate_source"
  | "no_active_card"
  | "invalid_input"
  | "ledger_immutable"
  | "has_history";

const STATUS: Record<HourCardErrorCode, [number, TRPCError["code"]]> = {
  card_not_found: [404, "NOT_FOUND"],
  wrong_customer: [422, "BAD_REQUEST"],
  card_expired: [409, "CONFLICT"],
  card_closed: [409, "CONFLICT"],
  invalid_minutes: [422, "BAD_REQUEST"],
  insufficient_balance: [409, "CONFLICT"],
  duplicate_source: [409, "CONFLICT"],
  no_active_card: [409, "CONFLICT"],
  invalid_input: [422, "BAD_REQUEST"],
  ledger_immutable: [409, "CONFLICT"],
  has_history: [409, "CONFLICT"],
};

/**
 * A refusal of the hour-card ledger. It is a RequestError so the shared error
 * mapper answers it with its own 4xx and message (never the database's text),
 * and `code` tells a caller such as the migration wizard exactly what went wrong.
 */
export class HourCardError extends RequestError {
  override name = "HourCardError";
  declare readonly code: HourCardErrorCode;
  constructor(code: HourCardErrorCode, message: string, field: string | null = null) {
    const [status, trpcCode] = STATUS[code];
    super(status, code, trpcCode, message, field);
  }
}
