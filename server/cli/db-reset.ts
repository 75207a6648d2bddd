// npm run db:reset: drops every table, re-applies all migrations and seeds demo data.
import pg from "pg";
import { resolveDatabaseUrl } from "./lib/database-url";
import { migrateDeploy } from "./lib/prisma-cli";
import { seedDatabase } from "./lib/seed-database";

const server = await resolveDatabaseUrl();
const client = new pg.Client({ connectionString: server.url });
await client.connect();
await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
await client.end();
migrateDeploy(server.url);
await seedDatabase(server, "Database reset and seeded.");
