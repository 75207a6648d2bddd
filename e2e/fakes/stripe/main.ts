/**
 * Standalone fake Stripe for browser tests:
 *   npx tsx e2e/fakes/stripe/main.ts --port 12111 [--webhook-url URL --webhook-secret whsec_…] [--secret-key sk_test_…]
 * Prints one JSON line `{"url": …, "port": …, "secretKey": …}` once listening
 * and stops cleanly on SIGINT/SIGTERM.
 */
import { argValue, portArg, stopOnSignals } from "../standalone";
import { startFakeStripe } from "./fake-stripe-server";

const port = portArg();
const webhookUrl = argValue("webhook-url");
const webhookSecret = argValue("webhook-secret");
if (webhookUrl && !webhookSecret) {
  console.error("--webhook-url needs --webhook-secret (the whsec_… the app verifies with)");
  process.exit(2);
}

const fake = await startFakeStripe({
  port,
  secretKey: argValue("secret-key"),
  webhookEndpoint: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : null,
});
console.log(JSON.stringify({ url: fake.url, port: fake.port, secretKey: fake.secretKey }));
stopOnSignals(fake);
