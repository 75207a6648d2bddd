// npm run db:reset: drops every table, re-applies all migrations and seeds demo data.
import pg from "pg";
import { resolveDatabaseUrl } from "./lib/database-url";
import { devAuthSecret } from "./lib/dev-secret";
import { migrateDeploy } from "./lib/prisma-cli";

const server = await resolveDatabaseUrl();
const client = new pg.Client({ connectionString: server.url });
await client.connect();
await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
await client.end();
migrateDeploy(server.url);
process.env.DATABASE_URL = server.url;
const { db } = await import("../db");
// The seed queues e-mails, whose bodies are sealed with a key derived from this secret outside production.
process.env.NEXTAUTH_SECRET ??= devAuthSecret();
const { seed } = await import("../../prisma/seed");
try {
  await seed(db);
  console.log("Database reset and seeded.");
} finally {
  await db.$disconnect();
  await server.stop();
}
