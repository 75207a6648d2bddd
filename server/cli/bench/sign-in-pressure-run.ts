import { performance } from "node:perf_hooks";
import { AUTH_TEST_ORIGIN, requestMagicLinkAnswer, signInWithPassword } from "@/server/audit/testing/auth-route-driver";
import { hashPassword } from "@/server/auth/password";
import { settleBackgroundWork } from "@/server/auth/background-work";
import { db } from "@/server/db";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** The measuring part of `npm run bench:sign-in` (see sign-in-pressure.ts); prints figures, asserts nothing. */
export async function runSignInPressure(runs: number): Promise<void> {
  process.env.NEXTAUTH_URL = AUTH_TEST_ORIGIN;
  const org = await db.organisation.create({ data: { label: "BENCH", name: "Bench", kind: "PROVIDER" } });
  const known = await db.user.create({
    data: { email: "known@bench.example", passwordHash: await hashPassword("right-password-123"), memberships: { create: { organisationId: org.id, role: "AGENT" } } },
  });

  await Promise.all(Array.from({ length: 50 }, () => signInWithPassword(known.email, "wrong-password-123", { ip: "203.0.113.9" })));
  const checked = await db.loginEvent.count({ where: { failureReason: "BAD_PASSWORD" } });
  const refused = await db.loginEvent.count({ where: { failureReason: "RATE_LIMITED" } });
  console.log(`50 parallel wrong passwords: ${checked} password checks run (limit 10), ${refused} refused before the check`);

  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < runs; i++) {
    // Counters cleared each round, so the limits do not refuse the measured requests.
    await db.authThrottle.deleteMany();
    // Alternate which goes first, so warm-up favours neither.
    for (const kind of i % 2 ? (["unknown", "known"] as const) : (["known", "unknown"] as const)) {
      const email = kind === "known" ? known.email : `nobody${i}@bench.example`;
      const t0 = performance.now();
      await requestMagicLinkAnswer(email, { ip: `198.51.100.${i % 250}` });
      times[kind].push(performance.now() - t0);
      await settleBackgroundWork();
    }
  }
  const mails = await db.outboxEmail.count({ where: { to: known.email } });
  console.log(`magic-link answer, median of ${runs}: known ${median(times.known).toFixed(1)} ms, unknown ${median(times.unknown).toFixed(1)} ms (${mails} mails queued for the known address)`);

  await db.authThrottle.deleteMany();
  await db.outboxEmail.deleteMany();
  await Promise.all(Array.from({ length: 20 }, () => requestMagicLinkAnswer(known.email, { ip: "198.51.100.77" })));
  await settleBackgroundWork();
  console.log(`20 link requests for one address: ${await db.outboxEmail.count({ where: { to: known.email } })} e-mails queued`);
  await db.$disconnect();
}
