import type { VerificationToken } from "next-auth/adapters";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { renderSignInEmail } from "@/server/mail/templates/sign-in-email";
import { isAddressBlocked } from "@/server/people/address-blocks";
import { UNKNOWN_CLIENT_IP } from "@/server/audit/client-ip";
import { reserveAttempt, throttleKeys } from "./auth-throttle";
import type { RequestContext } from "./request-context";
import { reportSignInAttempt } from "./sign-in-attempt";

/** Links one address may be sent per window, and requests one client address may make (any address). */
export const LINK_LIMITS = { perLogin: 3, perAddress: 10, windowMinutes: 15 } as const;

/**
 * The work behind "e-mail me a sign-in link", run after the answer is sent
 * (see runInBackground) so known and unknown addresses answer alike. It
 * refuses blocked client addresses, reserves a slot per address and per
 * client address (so 20 requests queue at most 3 e-mails), and only then
 * stores the token and queues the mail, for usable accounts only.
 */
export async function handleLinkRequest(opts: { login: string; url: string; token: Promise<VerificationToken>; context: RequestContext }) {
  const { login, context } = opts;
  const report = (userId: string | null, success: boolean, reason: Parameters<typeof reportSignInAttempt>[0]["reason"]) =>
    reportSignInAttempt({ kind: "magic_link_request", method: "magic_link", login, userId, success, reason, context });

  const user = await db.user.findUnique({ where: { email: login }, include: { memberships: { include: { organisation: true } } } });
  if (await isAddressBlocked(db, context.ip)) return report(user?.id ?? null, false, "blocked_address");
  const byLogin = await reserveAttempt(db, throttleKeys.linkLogin(login), LINK_LIMITS.perLogin, LINK_LIMITS.windowMinutes);
  const byAddress =
    byLogin.allowed && context.ip !== UNKNOWN_CLIENT_IP
      ? await reserveAttempt(db, throttleKeys.linkAddress(context.ip), LINK_LIMITS.perAddress, LINK_LIMITS.windowMinutes)
      : byLogin;
  if (!byLogin.allowed || !byAddress.allowed) return report(user?.id ?? null, false, "rate_limited");

  const usable = Boolean(user && !user.disabledAt && user.memberships.some((m) => !m.organisation.archivedAt));
  await report(user?.id ?? null, usable, !user ? "unknown_user" : usable ? null : "disabled_user");
  if (!usable) return;
  await db.verificationToken.create({ data: await opts.token });
  await enqueueEmail(db, { to: login, category: "sign-in", ...renderSignInEmail({ url: opts.url }) }, { dispatch: true });
}
