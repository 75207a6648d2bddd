import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
import { getConfig, resetConfigForTests } from "./config";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

function startWith(env: Record<string, string>): () => unknown {
  process.env = { ...saved, ...env };
  resetConfigForTests();
  return () => getConfig();
}

describe("start-up configuration (hardening)", () => {
  it("refuses an ambiguous TRUST_PROXY, naming the variable", () => {
    expect(startWith({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: TRUST_PROXY="true" is ambiguous/);
    expect(startWith({ TRUST_PROXY: "proxy.local" })).toThrow(/TRUST_PROXY/);
    expect(startWith({ TRUST_PROXY: "1" })).not.toThrow();
    expect(startWith({ TRUST_PROXY: "10.0.0.0/8" })).not.toThrow();
  });

  it("refuses production without MAIL_ENCRYPTION_KEY, naming it", () => {
    expect(startWith({ NODE_ENV: "production" })).toThrow(/MAIL_ENCRYPTION_KEY: required in production/);
    expect(startWith({ NODE_ENV: "production", MAIL_ENCRYPTION_KEY: "k".repeat(32), INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey" })).not.toThrow();
  });
});
