/**
 * Everything the fake Stripe remembers, in memory. Tests may read it (and
 * flip card behaviour) to arrange or assert situations the API cannot.
 */
import crypto from "node:crypto";

export type StripeObject = { id: string; object: string; [field: string]: unknown };

/** How a card behaves when attached and when charged. */
export type CardBehaviour = "succeed" | "decline_on_attach" | "insufficient_funds" | "decline_on_charge";

export interface TestCard {
  brand: string;
  last4: string;
  funding: "credit" | "debit";
  behaviour: CardBehaviour;
  declineCode?: string;
}

/** Stripe's documented test PaymentMethod tokens (the subset we speak). */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: "visa", last4: "4242", funding: "credit", behaviour: "succeed" },
  pm_card_visa_debit: { brand: "visa", last4: "5556", funding: "debit", behaviour: "succeed" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", funding: "credit", behaviour: "succeed" },
  pm_card_chargeDeclined: {
    brand: "visa",
    last4: "0002",
    funding: "credit",
    behaviour: "decline_on_attach",
    declineCode: "generic_decline",
  },
  pm_card_insufficientFunds: {
    brand: "visa",
    last4: "9995",
    funding: "credit",
    behaviour: "insufficient_funds",
    declineCode: "insufficient_funds",
  },
  // Attaches fine, every later charge is declined: the card for dunning tests.
  pm_card_chargeCustomerFail: {
    brand: "visa",
    last4: "0341",
    funding: "credit",
    behaviour: "decline_on_charge",
    declineCode: "generic_decline",
  },
};

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
}

export interface StoredIdempotentResponse {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A Stripe-looking id, e.g. cus_Q3f…, 24 random characters after the prefix. */
export function newId(prefix: string, length = 24): string {
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

export class FakeStripeState {
  readonly customers = new Map<string, StripeObject>();
  readonly paymentMethods = new Map<string, StripeObject>();
  readonly setupIntents = new Map<string, StripeObject>();
  readonly checkoutSessions = new Map<string, StripeObject>();
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  /** Seeded by tests (the ledger verifies legacy invoices against them). */
  readonly invoices = new Map<string, StripeObject>();
  /** Newest last. */
  readonly events: StripeObject[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly idempotency = new Map<string, StoredIdempotentResponse>();
  /** Behaviour of each stored PaymentMethod (copied from its test token). */
  readonly cardBehaviour = new Map<string, CardBehaviour>();

  /** Every collection, for lookups by id (expand). */
  collections(): Array<Map<string, StripeObject>> {
    return [
      this.customers,
      this.paymentMethods,
      this.setupIntents,
      this.checkoutSessions,
      this.paymentIntents,
      this.charges,
      this.refunds,
      this.invoices,
    ];
  }

  findById(id: string): StripeObject | undefined {
    for (const map of this.collections()) {
      const found = map.get(id);
      if (found) return found;
    }
    return this.events.find((e) => e.id === id);
  }

  /** Makes a saved card start (or stop) declining, e.g. to drive dunning. */
  setCardBehaviour(paymentMethodId: string, behaviour: CardBehaviour): void {
    if (!this.paymentMethods.has(paymentMethodId)) throw new Error(`No such payment method: ${paymentMethodId}`);
    this.cardBehaviour.set(paymentMethodId, behaviour);
  }

  eventsOfType(type: string): StripeObject[] {
    return this.events.filter((e) => e.type === type);
  }

  reset(): void {
    for (const map of this.collections()) map.clear();
    this.events.length = 0;
    this.requests.length = 0;
    this.idempotency.clear();
    this.cardBehaviour.clear();
  }
}
