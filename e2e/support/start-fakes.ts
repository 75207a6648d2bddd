import { startFakeGeo } from "../fakes/geo/fake-geo-server";
import { startFakeOpenAI } from "../fakes/openai/fake-openai-server";

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
  // Login audit: geolocation is asked here, never on the internet.
  const geo = await startFakeGeo();
  env.GEO_ENDPOINT = geo.url;
  urls.geo = geo.origin;
  stops.push(() => geo.close());
  // Approvals: AI summaries come from a local OpenAI-style server (control routes under /__fake).
  const openai = await startFakeOpenAI();
  env.AI_BASE_URL = openai.url;
  env.AI_API_KEY = "sk-e2e-fake";
  urls.openai = openai.url;
  stops.push(() => openai.close());
  return {
    env,
    urls,
    stop: async () => {
      await Promise.all(stops.map((s) => s()));
    },
  };
}
