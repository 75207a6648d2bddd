// npm run db:seed: idempotent demo data on DATABASE_URL or the embedded dev database.
import { resolveDatabaseUrl } from "./lib/database-url";
import { devAuthSecret } from "./lib/dev-secret";

const server = await resolveDatabaseUrl();
process.env.DATABASE_URL = server.url;
const { db } = await import("../db");
// The seed queues e-mails, whose bodies are sealed with a key derived from this secret outside production.
process.env.NEXTAUTH_SECRET ??= devAuthSecret();
const { seed } = await import("../../prisma/seed");
try {
  await seed(db);
  console.log("Seeded demo data.");
} finally {
  await db.$disconnect();
  await server.stop();
}
