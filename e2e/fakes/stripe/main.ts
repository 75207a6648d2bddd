/**
 * Standalone fake Stripe for browser tests:
 *   npx tsx e2e/fakes/stripe/main.ts --port 12111 [--webhook-url URL --webhook-secret whsec_…] [--secret-key sk_test_…]
 * Prints one JSON line `{"url": …, "port": …, "secretKey": …}` once listening
 * and stops cleanly on SIGINT/SIGTERM.
 */
import { startFakeStripe } from "./fake-stripe-server";

function argValue(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

const portText = argValue("port") ?? "0";
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer between 0 and 65535, got "${portText}"`);
  process.exit(2);
}
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

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
