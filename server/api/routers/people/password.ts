import { z } from "zod";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validators/people";
import { reserveAttempt, throttleKeys } from "@/server/auth/auth-throttle";
import { runInBackground } from "@/server/auth/background-work";
import { UNKNOWN_CLIENT_IP } from "@/server/audit/client-ip";
import { db } from "@/server/db";
import { isResetTokenUsable, requestPasswordReset, RESET_LIMITS, resetPassword } from "@/server/people/password-reset";
import { createTRPCRouter } from "../../trpc";
import { signInPathProcedure } from "./procedures";

export const passwordRouter = createTRPCRouter({
  /** "Forgot password": the same answer, at the same speed, for every address; the work runs after the answer. */
  forgot: signInPathProcedure.input(forgotPasswordSchema).mutation(({ ctx, input }) => {
    const ip = ctx.requestContext.ip;
    runInBackground("people.forgot_password", async () => {
      const { perLogin, perAddress, windowMinutes } = RESET_LIMITS;
      if (!(await reserveAttempt(db, throttleKeys.resetLogin(input.email), perLogin, windowMinutes)).allowed) return;
      if (ip !== UNKNOWN_CLIENT_IP && !(await reserveAttempt(db, throttleKeys.resetAddress(ip), perAddress, windowMinutes)).allowed) return;
      await requestPasswordReset(db, input.email);
    });
    return { sent: true as const };
  }),
  check: signInPathProcedure.input(z.object({ token: z.string().min(1).max(200) })).query(async ({ ctx, input }) => ({ usable: await isResetTokenUsable(ctx.db, input.token) })),
  reset: signInPathProcedure.input(resetPasswordSchema).mutation(({ ctx, input }) => resetPassword(ctx.db, input)),
});
