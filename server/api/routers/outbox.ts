import { TRPCError } from "@trpc/server";
import { idSchema } from "@/lib/validators/common";
import { listOutboxSchema } from "@/lib/validators/outbox";
import { appEnv } from "@/server/config-readers";
import { deliverOutboxEmail } from "@/server/mail/deliver-outbox-email";
import { unsafeListOutbox } from "@/server/mail/list-outbox";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const outboxRouter = createTRPCRouter({
  list: adminProcedure.input(listOutboxSchema).query(({ ctx, input }) => unsafeListOutbox(ctx.db, input)),

  get: adminProcedure.input(idSchema).query(async ({ ctx, input }) => {
    // The sealed body never leaves the sender; admins read the masked preview.
    const email = await ctx.db.outboxEmail.findUnique({ where: { id: input.id }, omit: { sealedBody: true } });
    if (!email) throw new TRPCError({ code: "NOT_FOUND", message: "No such message." });
    return email;
  }),

  /** "Send now": an admin retries a failed or dead message at once. */
  retry: adminProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
    if (!appEnv.mail().SMTP_URL) {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "SMTP_URL is not set, so mail cannot be sent." });
    }
    await ctx.db.outboxEmail.updateMany({ where: { id: input.id, status: "DEAD" }, data: { status: "FAILED", attempts: 0 } });
    return deliverOutboxEmail(ctx.db, input.id, { force: true });
  }),
});
