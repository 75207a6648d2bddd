import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { callerFor, createTestOrganisation, createTestUser } from "@/server/testing/factories";
import { AUTH_TEST_ORIGIN, callAuthRoute, openMagicLink, requestMagicLink, signInWithPassword } from "@/server/audit/testing/auth-route-driver";
import type { SessionUser } from "@/server/auth/session-user";
import { openOutboxEmail } from "@/server/testing/outbox";

// Through the real next-auth route: what admins do takes effect at the door.
process.env.NEXTAUTH_URL = AUTH_TEST_ORIGIN;

const PASSWORD = "Tr0ub4dor&3-people-secret";
let admin: SessionUser;
let clientAdmin: SessionUser;
let org: Awaited<ReturnType<typeof createTestOrganisation>>;

beforeAll(async () => {
  const provider = await createTestOrganisation({ kind: "PROVIDER" });
  org = await createTestOrganisation();
  admin = await createTestUser("PROVIDER_ADMIN", provider);
  clientAdmin = await createTestUser("CLIENT_ADMIN", org);
});

beforeEach(async () => {
  await db.addressBlock.deleteMany();
  await db.authThrottle.deleteMany();
});

async function personWithPassword(email: string) {
  return db.user.create({
    data: { email, name: "Person", passwordHash: await hashPassword(PASSWORD), memberships: { create: { organisationId: org.id, role: "CLIENT_USER" } } },
  });
}

/** GET /api/auth/session with the session cookie: the user, or null when the session no longer works. */
async function sessionUser(cookies: Map<string, string>): Promise<unknown> {
  const cookie = [...cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  const res = await callAuthRoute("GET", "/api/auth/session", { headers: { cookie } });
  const body = (await res.json()) as { user?: unknown } | null;
  return body?.user ?? null;
}

describe("disabling ends the open session on the next request", () => {
  it("a signed-in person's session stops working once an admin disables them", async () => {
    const person = await personWithPassword("disable.me@example.test");
    const signedIn = await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.50" });
    expect(signedIn.ok).toBe(true);
    expect(await sessionUser(signedIn.cookies)).toMatchObject({ email: person.email });
    await callerFor(clientAdmin).people.members.disable({ userId: person.id });
    expect(await sessionUser(signedIn.cookies)).toBeNull();
    expect((await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.50" })).ok).toBe(false);
  });

  it("archiving the organisation ends its people's sessions and refuses their sign-in", async () => {
    const other = await createTestOrganisation();
    const person = await db.user.create({
      data: { email: "archived.org@example.test", passwordHash: await hashPassword(PASSWORD), memberships: { create: { organisationId: other.id, role: "CLIENT_USER" } } },
    });
    const signedIn = await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.51" });
    expect(signedIn.ok).toBe(true);
    await callerFor(admin).people.organisations.archive({ id: other.id });
    expect(await sessionUser(signedIn.cookies)).toBeNull();
    expect((await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.51" })).ok).toBe(false);
  });
});

describe("a blocked address cannot sign in by any path", () => {
  it("password and e-mail link are refused from the blocked range and recorded as BLOCKED_ADDRESS; other addresses are not affected", async () => {
    const person = await personWithPassword("blocked.range@example.test");
    await callerFor(admin).people.blocks.create({ address: "192.0.2.0/24", duration: "1h", reason: "burst" });

    const refused = await signInWithPassword(person.email, PASSWORD, { ip: "192.0.2.9" });
    expect(refused.ok).toBe(false);
    expect(decodeURIComponent(refused.url)).toContain("blocked");
    await requestMagicLink(person.email, { ip: "192.0.2.10" });
    expect(await db.outboxEmail.count({ where: { to: person.email } })).toBe(0);

    // A link asked for elsewhere cannot be opened from the blocked range either.
    await requestMagicLink(person.email, { ip: "198.51.100.52" });
    const mail = await openOutboxEmail((await db.outboxEmail.findFirstOrThrow({ where: { to: person.email } })).id);
    const link = mail.text.match(/https?:\/\/\S+/)?.[0] ?? "";
    expect((await openMagicLink(link, { ip: "192.0.2.11" })).ok).toBe(false);

    const reasons = await db.loginEvent.findMany({ where: { login: person.email, ip: { startsWith: "192.0.2." } }, select: { failureReason: true } });
    expect(reasons.map((r) => r.failureReason)).toEqual(["BLOCKED_ADDRESS", "BLOCKED_ADDRESS", "BLOCKED_ADDRESS"]);
    expect((await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.53" })).ok).toBe(true);
  });

  it("an expired block no longer applies", async () => {
    const person = await personWithPassword("expired.block@example.test");
    await db.addressBlock.create({ data: { cidr: "192.0.2.0/24", expiresAt: new Date(Date.now() - 1000) } });
    expect((await signInWithPassword(person.email, PASSWORD, { ip: "192.0.2.12" })).ok).toBe(true);
  });
});

describe("unlock", () => {
  it("after ten failed sign-ins the right password is refused until an admin unlocks the account", async () => {
    const person = await personWithPassword("unlock.me@example.test");
    for (let i = 0; i < 10; i++) await signInWithPassword(person.email, "wrong-password-guess", { ip: "198.51.100.60" });
    expect((await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.60" })).ok).toBe(false);
    await callerFor(clientAdmin).people.members.unlock({ userId: person.id });
    expect((await signInWithPassword(person.email, PASSWORD, { ip: "198.51.100.60" })).ok).toBe(true);
  });
});
