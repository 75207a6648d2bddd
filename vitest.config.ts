import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Next resolves `server-only` to its empty module on the server; tests are server code too.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["{app,components,server,lib,inngest,prisma,e2e/fakes}/**/*.test.{ts,tsx}"],
    environment: "node",
    // One real PostgreSQL for the whole run; each test file gets its own database.
    globalSetup: ["./server/testing/global-setup.ts"],
    setupFiles: ["./server/testing/setup-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
