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
  return {
    env,
    urls,
    stop: async () => {
      await Promise.all(stops.map((s) => s()));
    },
  };
}
