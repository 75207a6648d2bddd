import { z } from "zod";
import { autoCreateSettingsSchema, createFieldJobSchema, listFieldJobsSchema, sendFieldJobAttachmentsSchema, statusMappingSchema } from "@/lib/validators/field-jobs";
import { dispatchFieldJobWork } from "@/server/field-jobs/dispatch-field-job-work";
import { enqueueFieldJobCreates, enqueueJobDeliveries } from "@/server/field-jobs/enqueue-field-job-work";
import { getFieldJobSettings, rotateWebhookSecret, saveAutoCreateTypes } from "@/server/field-jobs/field-job-settings";
import { CrmError } from "@/server/crm/errors";
import { fieldJobGatewayFor } from "@/server/field-jobs/field-job-gateways";
import { refreshFieldJob } from "@/server/field-jobs/refresh-field-job";
import { unsafeListFieldJobs } from "@/server/field-jobs/list-field-jobs";
import { getFieldJobConnectionOrThrow, requestFieldJob } from "@/server/field-jobs/request-field-job";
import { saveStatusMappings } from "@/server/field-jobs/status-mapping";
import { queueChosenAttachments } from "@/server/field-jobs/queue-chosen-attachments";
import { unsafeGetTicketFieldJobs } from "@/server/field-jobs/ticket-field-jobs";
import { adminProcedure, createTRPCRouter, providerProcedure } from "../trpc";
import { actorOf } from "./helpdesk/actor";

const connectionInput = z.object({ connectionId: z.string().min(1) });

/** Field jobs (Ascora) made from tickets: provider staff on tickets and the jobs list, admins for settings. */
export const fieldJobsRouter = createTRPCRouter({
  forTicket: providerProcedure.input(z.object({ ticketId: z.string().min(1) })).query(({ ctx, input }) => unsafeGetTicketFieldJobs(ctx.db, input.ticketId)),

  create: providerProcedure.input(createFieldJobSchema).mutation(async ({ ctx, input }) => {
    const result = await ctx.db.$transaction(async (tx) => {
      const requested = await requestFieldJob(tx, input, actorOf(ctx.user));
      if (requested.created) await enqueueFieldJobCreates(tx, [requested.job.id]);
      // A request folded into a live job still sends the attachments it newly chose.
      if (requested.attachmentsQueued > 0) await enqueueJobDeliveries(tx, [requested.job.id]);
      return requested;
    });
    if (result.created || result.attachmentsQueued > 0) await dispatchFieldJobWork([result.job.id]);
    return { id: result.job.id, created: result.created, attachmentsQueued: result.attachmentsQueued };
  }),

  /** Reads one job's status from the remote now. */
  refresh: providerProcedure.input(z.object({ fieldJobId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const job = await ctx.db.fieldJob.findUnique({ where: { id: input.fieldJobId }, select: { connectionId: true } });
    if (!job) throw new CrmError("not_found", "That field job was not found");
    return { outcome: await refreshFieldJob(ctx.db, await fieldJobGatewayFor(ctx.db, job.connectionId), input.fieldJobId) };
  }),

  sendAttachments: providerProcedure
    .input(sendFieldJobAttachmentsSchema)
    .mutation(async ({ ctx, input }) => {
      const queued = await ctx.db.$transaction(async (tx) => {
        const n = await queueChosenAttachments(tx, input.fieldJobId, input.attachmentIds);
        await enqueueJobDeliveries(tx, [input.fieldJobId]);
        return n;
      });
      await dispatchFieldJobWork([input.fieldJobId]);
      return { queued };
    }),

  list: providerProcedure.input(listFieldJobsSchema).query(async ({ ctx, input }) => {
    await getFieldJobConnectionOrThrow(ctx.db, input.connectionId, { requireEnabled: false });
    return unsafeListFieldJobs(ctx.db, input);
  }),

  settings: adminProcedure.input(connectionInput).query(({ ctx, input }) => getFieldJobSettings(ctx.db, input.connectionId)),

  saveStatusMappings: adminProcedure.input(statusMappingSchema).mutation(async ({ ctx, input }) => {
    await getFieldJobConnectionOrThrow(ctx.db, input.connectionId, { requireEnabled: false });
    await ctx.db.$transaction((tx) => saveStatusMappings(tx, input, ctx.user.id));
    return { saved: input.rows.length };
  }),

  saveAutoCreate: adminProcedure.input(autoCreateSettingsSchema).mutation(async ({ ctx, input }) => {
    await getFieldJobConnectionOrThrow(ctx.db, input.connectionId, { requireEnabled: false });
    await saveAutoCreateTypes(ctx.db, input.connectionId, input.ticketTypes, ctx.user.id);
    return { saved: input.ticketTypes.length };
  }),

  /** Makes a new webhook secret, answered this once (the old one stops working). */
  rotateWebhookSecret: adminProcedure.input(connectionInput).mutation(async ({ ctx, input }) => {
    await getFieldJobConnectionOrThrow(ctx.db, input.connectionId, { requireEnabled: false });
    return { secret: await rotateWebhookSecret(ctx.db, input.connectionId, ctx.user.id) };
  }),
});
