// npm run db:seed: idempotent demo data on DATABASE_URL or the embedded dev database.
import { resolveDatabaseUrl } from "./lib/database-url";
import { seedDatabase } from "./lib/seed-database";

await seedDatabase(await resolveDatabaseUrl(), "Seeded demo data.");
