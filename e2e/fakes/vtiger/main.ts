/**
 * Standalone fake Vtiger for browser e2e tests and the benchmark:
 *   npx tsx e2e/fakes/vtiger/main.ts --port 4101 [--per-minute 60]
 * Prints its URL; break and fix it through POST /__control/fault,
 * POST /__control/reset and inspect GET /__control/records. Test code only.
 */
import { startFakeVtiger } from "./fake-vtiger-server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg("port") ?? process.env.FAKE_VTIGER_PORT ?? 4101);
const perMinute = arg("per-minute");
const fake = await startFakeVtiger({
  port,
  users: [
    {
      username: arg("username") ?? "admin",
      accessKey: arg("access-key") ?? "fake-access-key",
      roleId: "H2",
      isAdmin: true,
    },
    { username: "care1", accessKey: "care1-key", roleId: "H5", isAdmin: false, firstName: "Carol", lastName: "Care" },
    { username: "care2", accessKey: "care2-key", roleId: "H5", isAdmin: false, firstName: "Chris", lastName: "Care" },
  ],
  rateLimit: perMinute ? { perMinute: Number(perMinute) } : undefined,
});
console.log(`fake vtiger listening on ${fake.url} (webservice ${fake.webserviceUrl})`);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
