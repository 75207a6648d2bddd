import type { Db } from "../../server/db";
import type { Prisma } from "../../server/generated/prisma/client";
import { buildLoginEventData, type LoginEventInput } from "../../server/audit/record-login-event";

const HOUR = 3_600_000;
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const SCRIPT = "python-requests/2.32.3";

// Documentation address ranges (never real hosts), already "located" so the
// demo needs no geolocation call.
const PLACES: Record<string, Pick<Prisma.LoginEventUncheckedCreateInput, "country" | "countryCode" | "region" | "city" | "isp" | "asn">> = {
  "203.0.113.10": { country: "Australia", countryCode: "AU", region: "New South Wales", city: "Sydney", isp: "Demo Telecom", asn: "AS64501 Demo Telecom" },
  "198.51.100.23": { country: "United Kingdom", countryCode: "GB", region: "England", city: "London", isp: "Example Broadband", asn: "AS64502 Example Broadband" },
  "192.0.2.99": { country: "Netherlands", countryCode: "NL", region: "North Holland", city: "Amsterdam", isp: "Hosting BV", asn: "AS64503 Hosting BV" },
};

type Demo = Omit<LoginEventInput, "occurredAt" | "userId"> & { hoursAgo: number };

const EVENTS: Demo[] = [
  { hoursAgo: 150, kind: "sign_in", method: "password", login: "admin@switchboard.local", success: true, reason: null, ip: "203.0.113.10", userAgent: CHROME },
  { hoursAgo: 120, kind: "sign_in", method: "magic_link", login: "agent@switchboard.local", success: true, reason: null, ip: "198.51.100.23", userAgent: IPHONE },
  { hoursAgo: 96, kind: "sign_in", method: "password", login: "user@entech.example", success: true, reason: null, ip: "10.20.0.15", userAgent: CHROME },
  { hoursAgo: 50, kind: "sign_in", method: "password", login: "root@switchboard.local", success: false, reason: "unknown_user", ip: "192.0.2.99", userAgent: SCRIPT },
  { hoursAgo: 49.9, kind: "sign_in", method: "password", login: "root@switchboard.local", success: false, reason: "unknown_user", ip: "192.0.2.99", userAgent: SCRIPT },
  { hoursAgo: 49.8, kind: "sign_in", method: "password", login: "admin@switchboard.local", success: false, reason: "bad_password", ip: "192.0.2.99", userAgent: SCRIPT },
  { hoursAgo: 30, kind: "magic_link_request", method: "magic_link", login: "agent@switchboard.local", success: true, reason: null, ip: "198.51.100.23", userAgent: IPHONE },
  { hoursAgo: 29.9, kind: "sign_in", method: "magic_link", login: "agent@switchboard.local", success: false, reason: "expired_link", ip: "198.51.100.23", userAgent: IPHONE },
  { hoursAgo: 5, kind: "sign_in", method: "password", login: "admin@switchboard.local", success: false, reason: "bad_password", ip: "203.0.113.10", userAgent: CHROME },
  { hoursAgo: 4.9, kind: "sign_in", method: "password", login: "admin@switchboard.local", success: true, reason: null, ip: "203.0.113.10", userAgent: CHROME },
  { hoursAgo: 2, kind: "sign_out", method: null, login: "admin@switchboard.local", success: true, reason: null, ip: "203.0.113.10", userAgent: CHROME },
];

/**
 * A week of demo sign-in events (successes, failures, a scripted guesser,
 * a link request, a sign-out), so the Audit pages have something to show.
 * Runs only on a database without login events, so running it again (or
 * after real sign-ins) changes nothing.
 */
export async function seedAudit(db: Db): Promise<void> {
  if ((await db.loginEvent.count()) > 0) return;
  const users = await db.user.findMany({ select: { id: true, email: true } });
  const ids = new Map(users.map((u) => [u.email, u.id]));
  const now = Date.now();
  await db.loginEvent.createMany({
    data: EVENTS.map(({ hoursAgo, ...event }) => {
      const row = buildLoginEventData({ ...event, userId: ids.get(event.login) ?? null, occurredAt: new Date(now - hoursAgo * HOUR) });
      const place = PLACES[event.ip];
      if (place) return { ...row, ...place, geoState: "DONE" as const, geoLookedUpAt: row.occurredAt };
      return { ...row, geoState: "PRIVATE" as const, geoNote: "private" };
    }),
  });
}
