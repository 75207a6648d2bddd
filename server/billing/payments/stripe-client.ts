/** The Stripe SDK client, pointed at STRIPE_API_BASE when set (the local fake in tests). */
import Stripe from "stripe";

export interface StripeClientOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111; unset = api.stripe.com. */
  apiBase?: string | null;
  /** The SDK retries network failures with the same idempotency key, so retries never double-charge. */
  maxNetworkRetries?: number;
}

export function createStripeClient(options: StripeClientOptions): Stripe {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: 30_000,
    appInfo: { name: "Switchboard Billing" },
  };
  if (options.apiBase) {
    const url = new URL(options.apiBase);
    const protocol = url.protocol === "http:" ? "http" : "https";
    config.host = url.hostname;
    config.port = Number(url.port || (protocol === "http" ? 80 : 443));
    config.protocol = protocol;
  }
  return new Stripe(options.secretKey, config);
}

const clients = new Map<string, Stripe>();

/** A cached client for the configured key, or null when Stripe is not configured. */
export function stripeFromConfig(cfg: { stripeSecretKey: string | null; stripeApiBase: string | null }): Stripe | null {
  if (!cfg.stripeSecretKey) return null;
  const cacheKey = `${cfg.stripeSecretKey}\n${cfg.stripeApiBase ?? ""}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = createStripeClient({ secretKey: cfg.stripeSecretKey, apiBase: cfg.stripeApiBase });
    clients.set(cacheKey, client);
  }
  return client;
}
