import type { EmbeddedDb } from "./embedded-postgres";
import { devAuthSecret } from "./dev-secret";

/** Seeds demo data into `server`'s database, then disconnects and stops it (db:seed, db:reset). */
export async function seedDatabase(server: EmbeddedDb, doneMessage: string): Promise<void> {
  process.env.DATABASE_URL = server.url;
  const { db } = await import("../../db");
  // The seed queues e-mails, whose bodies are sealed with a key derived from this secret outside production.
  process.env.NEXTAUTH_SECRET ??= devAuthSecret();
  const { seed } = await import("../../../prisma/seed");
  try {
    await seed(db);
    console.log(doneMessage);
  } finally {
    await db.$disconnect();
    await server.stop();
  }
}
