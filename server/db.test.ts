import { describe, expect, it } from "vitest";
import { db } from "./db";

describe("database", () => {
  it("talks to a real PostgreSQL with the migrated schema", async () => {
    const org = await db.organisation.create({ data: { name: "Entech", label: "ENTECH" } });
    expect(org.kind).toBe("CLIENT");
    const rows = await db.$queryRaw<{ v: string }[]>`SELECT version() AS v`;
    expect(rows[0]?.v).toMatch(/PostgreSQL/);
  });
});
