import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort } from "@/server/cli/lib/embedded-postgres";
import { resetConfigForTests } from "@/server/config";
import { resetDevServerProbeForTests, schedulesStatus } from "./background-jobs-report";

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  resetDevServerProbeForTests();
}

afterEach(() => setEnv({ INNGEST_DEV: undefined, BACKGROUND_JOBS: undefined, INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: undefined }));

// What the console's "Schedules are paused" banner is shown on.
describe("schedulesStatus", () => {
  it("says schedules are paused when no Inngest is configured, or jobs run inline", async () => {
    setEnv({ INNGEST_DEV: undefined });
    expect(await schedulesStatus()).toEqual({ mode: "unconfigured", schedulesRunning: false });
    setEnv({ BACKGROUND_JOBS: "inline" });
    expect(await schedulesStatus()).toEqual({ mode: "inline", schedulesRunning: false });
  });

  it("in development asks the Dev Server: paused when nothing listens, running when it answers", async () => {
    setEnv({ INNGEST_DEV: `http://127.0.0.1:${await findFreePort()}` });
    expect(await schedulesStatus()).toEqual({ mode: "dev-server", schedulesRunning: false });

    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      setEnv({ INNGEST_DEV: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect(await schedulesStatus()).toEqual({ mode: "dev-server", schedulesRunning: true });
    } finally {
      server.close();
    }
  });

  it("trusts a configured Inngest Cloud without probing", async () => {
    setEnv({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-test-1" });
    expect(await schedulesStatus()).toEqual({ mode: "cloud", schedulesRunning: true });
  });
});
