// npm run legacy:sample [-- --url <postgres url>] [--seed N] [--users N]: builds the
// messy legacy billing database the shadow importer migrates from. Default: a
// database `legacy_sample` beside the one DATABASE_URL (or the embedded dev
// PostgreSQL) points at.
import { parseArgs } from "node:util";
import { resolveDatabaseUrl } from "./lib/database-url";
import { createLegacySample } from "../legacy-billing/source/create-legacy-sample";

const { values } = parseArgs({
  options: { url: { type: "string" }, seed: { type: "string" }, users: { type: "string" } },
});
const server = values.url ? { url: values.url, stop: async () => {} } : await resolveDatabaseUrl();
let target = values.url;
if (!target) {
  const u = new URL(server.url);
  u.pathname = "/legacy_sample";
  target = u.toString();
}
try {
  const counts = await createLegacySample(target, {
    seed: values.seed ? Number(values.seed) : undefined,
    users: values.users ? Number(values.users) : undefined,
  });
  const shown = new URL(target);
  shown.password = shown.password ? "***" : "";
  console.log(`Legacy sample ready at ${shown.toString()}`);
  for (const [table, count] of Object.entries(counts)) console.log(`  ${table.padEnd(14)} ${count}`);
} catch (error) {
  console.error(`legacy:sample failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await server.stop();
}
