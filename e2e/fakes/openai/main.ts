/**
 * Standalone fake OpenAI server for browser tests:
 *   npx tsx e2e/fakes/openai/main.ts --port 4010 [--mode ok|error|slow|garbage]
 * Prints one JSON line `{"url": "http://127.0.0.1:4010/v1"}` once listening and
 * stops cleanly on SIGINT/SIGTERM.
 */
import { FAKE_OPENAI_MODES, startFakeOpenAI, type FakeOpenAIMode } from "./fake-openai-server";

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
const modeText = argValue("mode") ?? "ok";
if (!FAKE_OPENAI_MODES.includes(modeText as FakeOpenAIMode)) {
  console.error(`--mode must be one of ${FAKE_OPENAI_MODES.join(", ")}, got "${modeText}"`);
  process.exit(2);
}

const fake = await startFakeOpenAI({ port, mode: modeText as FakeOpenAIMode });
console.log(JSON.stringify({ url: fake.url, port: fake.port, mode: modeText }));

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
