/** Fake Stripe API for tests (never imported by product code). */
export { startFakeStripe, type FakeStripe, type FakeStripeOptions, type WebhookDelivery, type WebhookEndpoint } from "./fake-stripe-server";
export { FakeStripeState, TEST_CARDS, type CardBehaviour, type StripeObject, type TestCard } from "./state";
export { buildEvent, sendSignedWebhook, type EventInput, type WebhookSendResult } from "./webhook-events";
export { parseStripeForm, type FormParams } from "./form-body";
export { buildStripeInvoice, seedInvoice, type SeedInvoice } from "./invoices";
