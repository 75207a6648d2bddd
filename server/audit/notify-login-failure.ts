import { inngest } from "@/inngest/client";
import { loginFailed } from "@/inngest/events";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
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
    await inngest.send(loginFailed.create({ login }));
    return;
  } catch (error) {
    logger.debug("audit.burst_check_inline", { reason: error instanceof Error ? error.message : String(error) });
  }
  try {
    await checkLoginBurst(db, login);
  } catch (error) {
    logger.error("audit.burst_check_failed", { error });
  }
}
