import { z } from "zod";
import {
  applicationListQuerySchema,
  applicationNumberSchema,
  changeApplicationStatusSchema,
  createApplicationSchema,
} from "@/lib/validators/applications";
import { changeApplicationStatus } from "@/server/applications/change-status";
import { createApplication } from "@/server/applications/create-application";
import { getOrganisationApplication, unsafeGetConsoleApplication } from "@/server/applications/get-application";
import { listOrganisationApplications, unsafeListConsoleApplications } from "@/server/applications/list-applications";
import { resendSignature, revokeSignature } from "@/server/applications/signing-requests";
import { appEnv } from "@/server/config-readers";
import { dispatchOutboxEmails } from "@/server/mail/dispatch-outbox-emails";
import { createTRPCRouter } from "../../trpc";
import { applicationsClientAdminProcedure, applicationsProviderProcedure as procedure } from "./procedures";

const actorOf = (user: { id: string; name: string | null; email: string }) => ({ userId: user.id, name: user.name ?? user.email });

/**
 * Applications: the console's list, detail, status moves and signing
 * requests; uploads (intake, a PDF to sign) go through multipart routes under
 * /api/applications because they carry files.
 */
export const applicationsRouter = createTRPCRouter({
  list: procedure.input(applicationListQuerySchema).query(({ ctx, input }) => unsafeListConsoleApplications(ctx.db, input)),

  get: procedure.input(z.object({ number: applicationNumberSchema })).query(({ ctx, input }) => unsafeGetConsoleApplication(ctx.db, input.number)),

  /** Client organisations for the create form and the list filter. */
  options: procedure.query(({ ctx }) =>
    ctx.db.organisation.findMany({ where: { kind: "CLIENT" }, orderBy: { label: "asc" }, select: { id: true, label: true, name: true } }),
  ),

  create: procedure.input(createApplicationSchema).mutation(({ ctx, input }) => createApplication(ctx.db, input, actorOf(ctx.user))),

  changeStatus: procedure
    .input(changeApplicationStatusSchema)
    .mutation(({ ctx, input }) => changeApplicationStatus(ctx.db, { ...input, actor: actorOf(ctx.user) })),

  resendSignature: procedure.input(z.object({ requestId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const { emailId } = await resendSignature(ctx.db, { requestId: input.requestId, actor: actorOf(ctx.user) }, appEnv.applications());
    await dispatchOutboxEmails([emailId]);
    return { ok: true };
  }),

  revokeSignature: procedure
    .input(z.object({ requestId: z.string().min(1) }))
    .mutation(async ({ ctx, input }) => {
      await revokeSignature(ctx.db, { requestId: input.requestId, actor: actorOf(ctx.user) });
      return { ok: true };
    }),

  /** My Tickets (client admins): their organisation's applications, read-only. */
  inboxList: applicationsClientAdminProcedure
    .input(applicationListQuerySchema)
    .query(({ ctx, input }) => listOrganisationApplications(ctx.db, ctx.organisationId, input)),

  inboxGet: applicationsClientAdminProcedure
    .input(z.object({ number: applicationNumberSchema }))
    .query(({ ctx, input }) => getOrganisationApplication(ctx.db, ctx.organisationId, input.number)),
});
