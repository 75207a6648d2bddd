// npm run db:deploy (or `node server/cli/migrate-deploy.mjs`): applies pending
// migrations in production, with production dependencies only (no tsx).
// Point MIGRATE_DATABASE_URL at PostgreSQL itself, not at PgBouncer in
// transaction mode: Prisma holds a session advisory lock while it migrates.
import { spawnSync } from "node:child_process";
import path from "node:path";

const url = process.env.MIGRATE_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("Set MIGRATE_DATABASE_URL (or DATABASE_URL) to the PostgreSQL server to migrate.");
  process.exit(2);
}
const root = process.cwd();
// The Prisma CLI runs on its JS engine; pointing the native-engine variables at
// any existing file stops it from trying to download engines (see README).
const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: url,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "package.json"),
    PRISMA_QUERY_ENGINE_LIBRARY: path.join(root, "package.json"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});
process.exit(result.status ?? 1);
