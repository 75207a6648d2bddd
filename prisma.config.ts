import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPool } from "./server/db-pool";

// Prisma's native schema engine cannot be downloaded on our machines, so the
// CLI runs on the JS engine through the pg driver adapter (see README).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaPg(createPool(process.env.DATABASE_URL ?? ""));
  },
});
