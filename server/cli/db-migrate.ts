// npm run db:migrate: applies pending migrations to DATABASE_URL or the embedded dev database.
import { resolveDatabaseUrl } from "./lib/database-url";
import { migrateDeploy } from "./lib/prisma-cli";

const db = await resolveDatabaseUrl();
try {
  migrateDeploy(db.url);
} finally {
  await db.stop();
}
