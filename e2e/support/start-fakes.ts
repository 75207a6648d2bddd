import { FAKE_ASCORA_ACCOUNT, startFakeAscora } from "../fakes/ascora/fake-ascora-server";
import { startFakeGeo } from "../fakes/geo/fake-geo-server";
import { startFakeLago } from "../fakes/lago/fake-lago-server";
import { startFakeOpenAI } from "../fakes/openai/fake-openai-server";
import { startFakeStripe } from "../fakes/stripe/fake-stripe-server";
import { startFakeVtiger } from "../fakes/vtiger/fake-vtiger-server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSmtpSink } from "../../server/testing/smtp-sink";

/**
 * The local servers that stand in for external services during browser tests.
 * Each feature adds its fake here: its URL goes into the app's environment and
 * into the runtime file the specs read.
 */
export async function startFakes(): Promise<{
  env: Record<string, string>;
  urls: Record<string, string>;
  stop: () => Promise<void>;
}> {
  const stops: Array<() => Promise<void>> = [];
  const env: Record<string, string> = {};
  const urls: Record<string, string> = {};
  // Mail is delivered over real SMTP to a local sink; specs read it through latestEmailTo (support/runtime.ts).
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-mail-"));
  const smtp = await startSmtpSink({ saveTo: mailDir });
  env.SMTP_URL = smtp.url;
  urls.mailDir = mailDir;
  stops.push(async () => {
    await smtp.close();
    fs.rmSync(mailDir, { recursive: true, force: true });
  });
  // Login audit: geolocation is asked here, never on the internet.
  const geo = await startFakeGeo();
  env.GEO_ENDPOINT = geo.url;
  // Outbound calls reach loopback only when allowed, and every fake listens there.
  env.OUTBOUND_ALLOW_LOOPBACK = "true";
  urls.geo = geo.origin;
  stops.push(() => geo.close());
  // Approvals: AI summaries come from a local OpenAI-style server (control routes under /__fake).
  const openai = await startFakeOpenAI();
  env.AI_BASE_URL = openai.url;
  env.AI_API_KEY = "sk-e2e-fake";
  urls.openai = openai.url;
  stops.push(() => openai.close());
  // CRM sync: a Vtiger webservice on 127.0.0.1 (break and fix it through /__control); quick retries for the dead-letter spec.
  const vtiger = await startFakeVtiger({
    users: [
      { username: "admin", accessKey: "fake-access-key", roleId: "H2", isAdmin: true },
      { username: "care1", accessKey: "care1-key", roleId: "H5", isAdmin: false, firstName: "Carol", lastName: "Care" },
    ],
  });
  Object.assign(env, {
    CRM_ALLOW_LOOPBACK: "true",
    CRM_ENCRYPTION_KEY: "e2e-crm-encryption-key-0123456789abcdef",
    CRM_QUEUE_MAX_ATTEMPTS: "3",
    CRM_BACKOFF_BASE_MS: "300",
    CRM_BACKOFF_MAX_MS: "1000",
    CRM_REMOTE_TIMEOUT_MS: "3000",
    VTIGER_WEBHOOK_SECRET: "e2e-vtiger-webhook-secret",
  });
  urls.vtiger = vtiger.url;
  stops.push(() => vtiger.close());
  // CRM sync: Ascora's Accounting API and our assumed customer calls (control routes under /__control).
  const ascora = await startFakeAscora();
  urls.ascora = ascora.url;
  urls.ascoraUser = FAKE_ASCORA_ACCOUNT.username;
  urls.ascoraPassword = FAKE_ASCORA_ACCOUNT.password;
  stops.push(() => ascora.close());
  // Billing: the Stripe API subset the SDK talks to; specs sign webhooks with the same secret.
  const stripe = await startFakeStripe();
  const stripeWebhookSecret = "whsec_e2e_switchboard_billing";
  Object.assign(env, {
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_API_BASE: stripe.url,
    STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
    WEBHOOK_ALLOW_LOOPBACK: "true",
  });
  urls.stripe = stripe.url;
  urls.stripeWebhookSecret = stripeWebhookSecret;
  stops.push(() => stripe.close());
  // Invoice ledger: Lago's invoice API, which verifies the legacy biller's lago:… invoices (seed them through POST /__fake/invoices).
  const lago = await startFakeLago();
  Object.assign(env, { LAGO_API_URL: lago.url, LAGO_API_KEY: lago.apiKey });
  urls.lago = lago.url;
  stops.push(() => lago.close());
  return {
    env,
    urls,
    stop: async () => {
      await Promise.all(stops.map((s) => s()));
    },
  };
}
