import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "../cli/lib/embedded-postgres";
import { migrateDeploy } from "../cli/lib/prisma-cli";

export const TEMPLATE_DB = "switchboard_template";

/**
 * Vitest global setup: one real PostgreSQL for the run (embedded unless
 * TEST_DATABASE_ADMIN_URL points at a server), migrated once into a template
 * database that every test file clones (see setup-file.ts).
 */
export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-test-pg-"));
  fs.chmodSync(dir, 0o777);
  const port = await findFreePort();
  const server = await startEmbeddedPostgres({
    dir: path.join(dir, "data"),
    port,
    database: TEMPLATE_DB,
    ephemeral: true,
    quiet: true,
  });
  migrateDeploy(server.url, true);
  // Nobody may stay connected to a template that is being cloned.
  const admin = new pg.Client({ connectionString: server.url.replace(`/${TEMPLATE_DB}`, "/postgres") });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${TEMPLATE_DB} WITH ALLOW_CONNECTIONS false`);
  await admin.end();
  process.env.TEST_PG_ADMIN_URL = server.url.replace(`/${TEMPLATE_DB}`, "/postgres");
  process.env.TEST_PG_TEMPLATE_URL = server.url;
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
