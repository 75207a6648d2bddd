import { db } from "@/server/db";
import { checkLoginBurst, checkRecentLoginBursts } from "@/server/audit/send-burst-alert";
import { inngest } from "../client";
import { loginFailed } from "../events";

/**
 * Failed-login burst alerts: on each failed sign-in (event) for that login,
 * and every 5 minutes for every login, so a lost event delays an alert but
 * never loses it. The cooldown claim makes repeated checks harmless.
 */
export const checkLoginBursts = inngest.createFunction(
  { id: "check-login-bursts", triggers: [loginFailed, { cron: "*/5 * * * *" }] },
  async ({ event, step }) => {
    if (event.name === loginFailed.name) {
      const login = (event.data as { login: string }).login;
      return step.run("check-login", () => checkLoginBurst(db, login));
    }
    return step.run("check-recent-logins", () => checkRecentLoginBursts(db));
  },
);
