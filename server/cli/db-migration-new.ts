// npm run db:migration:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference
// between the datamodel of the last migration (migrations/schema.snapshot.prisma)
// and prisma/schema.prisma. `prisma migrate dev` needs a shadow database that
// Prisma's JS engine cannot open, hence this datamodel-to-datamodel diff.
import fs from "node:fs";
import path from "node:path";
import { resolveDatabaseUrl } from "./lib/database-url";
import { runPrisma } from "./lib/prisma-cli";

const MIGRATIONS = path.join("prisma", "migrations");
const SNAPSHOT = path.join(MIGRATIONS, "schema.snapshot.prisma");
const SCHEMA = path.join("prisma", "schema.prisma");
const LOCK = path.join(MIGRATIONS, ".lock");

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("usage: npm run db:migration:new -- <name>");
  process.exit(2);
}

fs.mkdirSync(MIGRATIONS, { recursive: true });
let lock: number;
try {
  lock = fs.openSync(LOCK, "wx");
} catch {
  console.error(`${LOCK} exists: another migration is being written (delete it if that run crashed).`);
  process.exit(1);
}
const db = await resolveDatabaseUrl();
try {
  const from = fs.existsSync(SNAPSHOT) ? ["--from-schema-datamodel", SNAPSHOT] : ["--from-empty"];
  const sql = runPrisma(
    ["migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"],
    db.url,
    { capture: true },
  );
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim()) || !sql.trim()) {
    console.log("No schema changes: nothing written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync(SCHEMA, SNAPSHOT);
    console.log(`Wrote ${dir}/migration.sql`);
  }
} finally {
  fs.closeSync(lock);
  fs.rmSync(LOCK, { force: true });
  await db.stop();
}
