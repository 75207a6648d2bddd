import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConfig, resetConfigForTests } from "@/server/config";
import { register } from "@/instrumentation";
import { backgroundJobsMode, productionJobsProblems } from "./background-jobs-mode";

const base = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db",
  NEXTAUTH_SECRET: "a-secret-that-is-long-enough-for-prod-1234",
  APP_URL: "https://console.example.com",
  MAIL_ENCRYPTION_KEY: "a-mail-key-that-is-long-enough-for-prod-123",
};

describe("production start without a complete Inngest configuration", () => {
  it("is refused, naming every missing variable", () => {
    expect(() => parseConfig({ ...base, NODE_ENV: "production" })).toThrow(
      /Background jobs need Inngest in production[\s\S]*INNGEST_EVENT_KEY: missing[\s\S]*INNGEST_SIGNING_KEY: missing[\s\S]*INNGEST_BASE_URL: unset, so Inngest Cloud is assumed/,
    );
  });

  it("names only what is missing", () => {
    const error = (() => {
      try {
        parseConfig({ ...base, NODE_ENV: "production", INNGEST_EVENT_KEY: "evt", INNGEST_BASE_URL: "http://inngest:8288" });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(error).toMatch(/INNGEST_SIGNING_KEY: missing/);
    expect(error).not.toMatch(/INNGEST_EVENT_KEY|INNGEST_BASE_URL/);
  });

  it("refuses the Dev Server's mode, which skips request signatures", () => {
    expect(productionJobsProblems({ NODE_ENV: "production", BACKGROUND_JOBS: "inngest", INNGEST_DEV: "1", INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "s" })).toEqual([
      expect.stringMatching(/^INNGEST_DEV: must be unset in production/),
    ]);
  });

  it("accepts Inngest Cloud, a self-hosted server, and an explicit inline test stack", () => {
    const keys = { INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-abc" };
    expect(backgroundJobsMode(parseConfig({ ...base, NODE_ENV: "production", ...keys }))).toBe("cloud");
    expect(backgroundJobsMode(parseConfig({ ...base, NODE_ENV: "production", ...keys, INNGEST_BASE_URL: "http://inngest:8288" }))).toBe("self-hosted");
    expect(backgroundJobsMode(parseConfig({ ...base, NODE_ENV: "production", BACKGROUND_JOBS: "inline" }))).toBe("inline");
  });

  it("keeps development as it is: nothing required, sends fall back inline", () => {
    const cfg = parseConfig({ ...base, NODE_ENV: "development" });
    expect(backgroundJobsMode(cfg)).toBe("unconfigured");
    expect(backgroundJobsMode(parseConfig({ ...base, NODE_ENV: "development", INNGEST_DEV: "1" }))).toBe("dev-server");
  });
});

describe("instrumentation register()", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetConfigForTests();
    vi.restoreAllMocks();
  });

  it("stops the server start on the missing Inngest keys, printing what is missing", async () => {
    Object.assign(process.env, { NEXT_RUNTIME: "nodejs", NODE_ENV: "production", BACKGROUND_JOBS: "" });
    delete process.env.INNGEST_EVENT_KEY;
    delete process.env.INNGEST_SIGNING_KEY;
    resetConfigForTests();
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await register();
    expect(exit).toHaveBeenCalledWith(1);
    expect(printed.mock.calls[0]![0]).toMatch(/INNGEST_EVENT_KEY: missing[\s\S]*INNGEST_SIGNING_KEY: missing/);
  });
});
