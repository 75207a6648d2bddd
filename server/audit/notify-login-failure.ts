import { inngest } from "@/inngest/client";
import { loginFailed } from "@/inngest/events";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { sendOrRunInline } from "@/server/ops/send-or-run-inline";
import { normalizeLogin } from "./record-login-event";
import { checkLoginBurst } from "./send-burst-alert";

/**
 * Hands a failed sign-in to the burst check: as an Inngest event, or, when
 * Inngest cannot be reached (no dev server on this machine), by checking in
 * this process. Never throws: alerting must not fail the sign-in.
 */
export async function notifyLoginFailure(typedLogin: string): Promise<void> {
  const login = normalizeLogin(typedLogin);
  try {
    await sendOrRunInline(
      "audit.burst-check",
      () => inngest.send(loginFailed.create({ login })),
      () => checkLoginBurst(db, login),
    );
  } catch (error) {
    logger.error("audit.burst_check_failed", { error });
  }
}
