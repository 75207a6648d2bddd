import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { verifyPassword } from "@/server/auth/password";
import { DEMO_PASSWORD, DEMO_USERS, seed } from "./seed";

async function counts() {
  const [organisations, users, memberships] = await Promise.all([
    db.organisation.count(),
    db.user.count(),
    db.membership.count(),
  ]);
  return { organisations, users, memberships };
}

describe("seed", () => {
  it("is idempotent: a second run changes nothing", async () => {
    await seed(db);
    const first = await counts();
    await seed(db);
    expect(await counts()).toEqual(first);
    expect(first.users).toBe(DEMO_USERS.length);
  }, 60_000);

  it("gives every demo user a working password hash and one membership", async () => {
    await seed(db);
    const admin = await db.user.findUniqueOrThrow({
      where: { email: "admin@switchboard.local" },
      include: { memberships: { include: { organisation: true } } },
    });
    expect(admin.passwordHash).not.toContain(DEMO_PASSWORD);
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash!)).toBe(true);
    expect(admin.memberships).toHaveLength(1);
    expect(admin.memberships[0]?.organisation.kind).toBe("PROVIDER");
  }, 60_000);
});
