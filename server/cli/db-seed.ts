// npm run db:seed: idempotent demo data on DATABASE_URL or the embedded dev database.
import { resolveDatabaseUrl } from "./lib/database-url";

const server = await resolveDatabaseUrl();
process.env.DATABASE_URL = server.url;
const { db } = await import("../db");
const { seed } = await import("../../prisma/seed");
try {
  await seed(db);
  console.log("Seeded demo data.");
} finally {
  await db.$disconnect();
  await server.stop();
}
