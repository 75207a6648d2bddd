/**
 * What PostgreSQL's own refusals around hour cards mean for a caller. The
 * trigger (migration hour_card_ledger_refuses_changes) and the RESTRICT
 * foreign keys are the guarantee that no minute of history is lost; this only
 * makes their refusals readable. The shared error mapper asks here, so every
 * route and procedure answers them the same way.
 */
import { HourCardError } from "./hour-card-error";

/** The SQLSTATE the append-only trigger raises. */
export const LEDGER_IMMUTABLE_STATE = "HC001";

// 23001 restrict_violation, 23503 foreign_key_violation: something still points at the row.
const REFERENCED_STATES = new Set(["23001", "23503"]);

// PostgreSQL names the constraint only in its message text.
const CONSTRAINT_IN_MESSAGE = /foreign key constraint "([^"]+)"/;

const HISTORY_KEEPERS: Record<string, () => HourCardError> = {
  HourCard_customerId_fkey: () =>
    new HourCardError("has_history", "This customer has hour-card history, so it cannot be deleted; close its cards instead. Nothing was changed."),
  HourCardTransaction_cardId_fkey: () =>
    new HourCardError("has_history", "This hour card has ledger history, so it cannot be deleted; close it instead. Nothing was changed."),
  TicketTimeEntry_cardId_fkey: () =>
    new HourCardError("has_history", "Time was logged against this hour card, so it cannot be deleted; close it instead. Nothing was changed."),
};

/** The hour-card refusal behind a database error's SQLSTATE and message, or null when it is not one. */
export function hourCardRefusal(sqlState: string | undefined, message: string | undefined): HourCardError | null {
  if (sqlState === LEDGER_IMMUTABLE_STATE) {
    return new HourCardError("ledger_immutable", "Hour-card transactions cannot be changed or deleted; record an adjustment instead. Nothing was changed.");
  }
  if (sqlState && REFERENCED_STATES.has(sqlState)) {
    const constraint = message?.match(CONSTRAINT_IN_MESSAGE)?.[1];
    return constraint ? (HISTORY_KEEPERS[constraint]?.() ?? null) : null;
  }
  return null;
}
