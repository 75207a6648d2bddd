/**
 * Test-only: routes every Ascora connection's field-job calls to one
 * RecordingGateway and runs the after-commit work inline (no Inngest), so a
 * procedure call has pushed and delivered by the time it returns.
 */
import { afterAll, beforeAll } from "vitest";
import { registerFieldJobGateway } from "../field-job-gateways";
import { RecordingGateway } from "./field-job-test-kit";

export function withInlineRecordingGateway(): RecordingGateway {
  const gateway = new RecordingGateway();
  beforeAll(() => {
    process.env.BACKGROUND_JOBS = "inline";
    registerFieldJobGateway("ascora", async () => gateway);
  });
  afterAll(() => {
    delete process.env.BACKGROUND_JOBS;
  });
  return gateway;
}
