import { startFakeGeo } from "../fakes/geo/fake-geo-server";

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
  return {
    env,
    urls,
    stop: async () => {
      await Promise.all(stops.map((s) => s()));
    },
  };
}
