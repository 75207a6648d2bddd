import type { DbOrTx } from "@/server/db";
import { LOGIN_EVENT_LIST_SELECT } from "./login-event-filters";

/** How many of a user's latest events their page shows. */
export const USER_RECENT_EVENTS = 30;

/**
 * A user's sign-in picture for their page: successful sign-ins ever recorded,
 * failures, the last successful sign-in with its address, and the latest 30
 * events. Null for an unknown id. Unsafe by design of the data (any
 * organisation's user): provider admins only.
 */
export async function unsafeGetUserLoginSummary(db: DbOrTx, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      createdAt: true,
      memberships: { select: { role: true, organisation: { select: { id: true, label: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user) return null;
  const signIn = { userId, kind: "SIGN_IN" as const };
  const [signInCount, failureCount, lastSuccess, recent] = await Promise.all([
    db.loginEvent.count({ where: { ...signIn, result: "SUCCESS" } }),
    db.loginEvent.count({ where: { ...signIn, result: "FAILURE" } }),
    db.loginEvent.findFirst({
      where: { ...signIn, result: "SUCCESS" },
      orderBy: { occurredAt: "desc" },
      select: { id: true, occurredAt: true, ip: true, method: true, countryCode: true, country: true, city: true },
    }),
    db.loginEvent.findMany({ where: { userId }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: USER_RECENT_EVENTS, select: LOGIN_EVENT_LIST_SELECT }),
  ]);
  return { user, signInCount, failureCount, lastSuccess, recent };
}
