/**
 * Standalone fake OpenAI server for browser tests:
 *   npx tsx e2e/fakes/openai/main.ts --port 4010 [--mode ok|error|slow|garbage]
 * Prints one JSON line `{"url": "http://127.0.0.1:4010/v1"}` once listening and
 * stops cleanly on SIGINT/SIGTERM.
 */
import { argValue, portArg, stopOnSignals } from "../standalone";
import { FAKE_OPENAI_MODES, startFakeOpenAI, type FakeOpenAIMode } from "./fake-openai-server";

const port = portArg();
const modeText = argValue("mode") ?? "ok";
if (!FAKE_OPENAI_MODES.includes(modeText as FakeOpenAIMode)) {
  console.error(`--mode must be one of ${FAKE_OPENAI_MODES.join(", ")}, got "${modeText}"`);
  process.exit(2);
}

const fake = await startFakeOpenAI({ port, mode: modeText as FakeOpenAIMode });
console.log(JSON.stringify({ url: fake.url, port: fake.port, mode: modeText }));
stopOnSignals(fake);
