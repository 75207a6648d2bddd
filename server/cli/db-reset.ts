// npm run db:reset: drops every table, re-applies all migrations and seeds demo data.
import pg from "pg";
import { resolveDatabaseUrl } from "./lib/database-url";
import { migrateDeploy } from "./lib/prisma-cli";

const server = await resolveDatabaseUrl();
const client = new pg.Client({ connectionString: server.url });
await client.connect();
await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
await client.end();
migrateDeploy(server.url);
process.env.DATABASE_URL = server.url;
const { db } = await import("../db");
const { seed } = await import("../../prisma/seed");
try {
  await seed(db);
  console.log("Database reset and seeded.");
} finally {
  await db.$disconnect();
  await server.stop();
}
