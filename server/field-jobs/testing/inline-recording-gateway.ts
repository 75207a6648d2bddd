/**
 * Test-only: routes every Ascora connection's field-job calls to one
 * RecordingGateway and drains the woken sync queues before the dispatch
 * returns (the app's own fallback drains in the background), so a procedure
 * call has pushed and delivered by the time it returns.
 */
import { afterAll, beforeAll } from "vitest";
import { db } from "@/server/db";
import { setSyncDispatcherForTests } from "@/server/crm/engine/dispatch";
import { drainConnectionQueue } from "@/server/crm/engine/drain-queue";
import { registerFieldJobGateway } from "../field-job-gateways";
import { RecordingGateway } from "./field-job-test-kit";

export function withInlineRecordingGateway(): RecordingGateway {
  const gateway = new RecordingGateway();
  beforeAll(() => {
    registerFieldJobGateway("ascora", async () => gateway);
    setSyncDispatcherForTests({
      push: async (connectionIds) => {
        for (const id of connectionIds) await drainConnectionQueue(db, id, { backoff: { baseMs: 0, maxMs: 0, jitter: "none" } });
      },
      pull: async () => undefined,
    });
  });
  afterAll(() => setSyncDispatcherForTests(null));
  return gateway;
}
