import crypto from "node:crypto";
import {
  TICKET_NUMBER_ALPHABET,
  TICKET_NUMBER_LENGTH,
  TICKET_NUMBER_PREFIX,
} from "@/lib/helpdesk/ticket-number-format";

export {
  TICKET_NUMBER_ALPHABET,
  TICKET_NUMBER_PATTERN,
  isTicketNumber,
  normalizeTicketNumber,
} from "@/lib/helpdesk/ticket-number-format";

// 256 is a multiple of the 32-symbol alphabet, so masking a random byte picks
// every symbol with equal probability (no modulo bias).
const SYMBOL_MASK = TICKET_NUMBER_ALPHABET.length - 1;

/**
 * A fresh ticket number, e.g. `TCK-7KQ4MZ2XHD9P`, from a cryptographic RNG
 * (60 random bits, so numbers cannot be guessed from one another). Uniqueness
 * is finally the database's job: insert under a unique index and draw again
 * on the rare conflict.
 */
export function generateTicketNumber(): string {
  const bytes = crypto.randomBytes(TICKET_NUMBER_LENGTH);
  let out = TICKET_NUMBER_PREFIX;
  for (const b of bytes) out += TICKET_NUMBER_ALPHABET[b & SYMBOL_MASK];
  return out;
}
