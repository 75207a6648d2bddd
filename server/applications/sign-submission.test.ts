import { PrismaPg } from "@prisma/adapter-pg";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { createPool } from "@/server/db-pool";
import { PrismaClient } from "@/server/generated/prisma/client";
import { resetRateLimits } from "@/server/security/rate-limit";
import { handleSignSubmission } from "./sign-submission";

beforeEach(() => resetRateLimits(db, "application-sign:"));

const TOO_MANY = "Too many attempts from your connection. Please wait a few minutes and try again.";
// Whatever got past the limits was answered on its merits (a form error or a dead link), not refused.
const limited = (o: { status: string; message?: string }) => o.status === "error" && o.message === TOO_MANY;

describe("handleSignSubmission limits", () => {
  it("counts a link's attempts over every instance: 8 per link, then refused", async () => {
    // Each client has its own pool, as two app instances would.
    const instances = [0, 1].map(() => new PrismaClient({ adapter: new PrismaPg(createPool(process.env.DATABASE_URL!, 4)) }));
    try {
      const input = { token: "x".repeat(43), fields: {}, ip: "198.51.100.20" };
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => handleSignSubmission(instances[i % 2]!, input)));
      expect(outcomes.filter((o) => !limited(o))).toHaveLength(8);
      expect(outcomes.filter(limited)).toHaveLength(4);
    } finally {
      await Promise.all(instances.map((i) => i.$disconnect()));
    }
  });

  it("counts an address's attempts over different links: 20, then refused", async () => {
    const outcomes = [];
    for (let n = 0; n < 21; n++) outcomes.push(await handleSignSubmission(db, { token: `link-${n}-`.padEnd(43, "y"), fields: {}, ip: "198.51.100.21" }));
    expect(outcomes.slice(0, 20).some(limited)).toBe(false);
    expect(outcomes[20]).toEqual({ status: "error", message: TOO_MANY });
  });
});
