import { z } from "zod";
import { BILLING_EVENT_TYPES, WEBHOOK_FORMATS, webhookEndpointSchema } from "@/lib/validators/billing";
import { idSchema, pagingSchema } from "@/lib/validators/common";
import { notFound } from "@/server/billing/errors";
import { resendWebhookDelivery } from "@/server/billing/webhooks/deliver-webhook";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "@/server/billing/webhooks/endpoints";
import { createTRPCRouter } from "../../trpc";
import { billingProcedure } from "./billing-procedure";
import { appEnv } from "@/server/config-readers";

const ssrf = () => ({ allowLoopback: appEnv.billing().allowLoopbackWebhooks });

/** Outbound webhook endpoints, their delivery log and resend. */
export const billingWebhooksRouter = createTRPCRouter({
  list: billingProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db)),
  get: billingProcedure.input(idSchema).query(async ({ ctx, input }) => {
    const endpoint = await ctx.db.billingWebhookEndpoint.findUnique({
      where: { id: input.id },
      select: { id: true, url: true, description: true, eventTypes: true, format: true, active: true, createdAt: true, service: { select: { id: true, code: true, name: true } } },
    });
    if (!endpoint) throw notFound("Webhook endpoint", input.id);
    return endpoint;
  }),
  /** Returns the signing secret once, for the receiver's configuration. */
  create: billingProcedure.input(webhookEndpointSchema).mutation(async ({ ctx, input }) => {
    const endpoint = await createWebhookEndpoint(ctx.db, input, ssrf());
    return { id: endpoint.id, secret: endpoint.secret };
  }),
  update: billingProcedure
    .input(z.object({ id: z.string().min(1), url: z.string().optional(), description: z.string().nullable().optional(), eventTypes: z.array(z.enum(BILLING_EVENT_TYPES)).optional(), format: z.enum(WEBHOOK_FORMATS).optional(), active: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      const { id, ...data } = input;
      await updateWebhookEndpoint(ctx.db, id, data, ssrf());
      return { id };
    }),
  delete: billingProcedure.input(idSchema).mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.db, input.id)),
  revealSecret: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => {
    const endpoint = await ctx.db.billingWebhookEndpoint.findUnique({ where: { id: input.id }, select: { secret: true } });
    if (!endpoint) throw notFound("Webhook endpoint", input.id);
    return { secret: endpoint.secret };
  }),
  rotateSecret: billingProcedure.input(idSchema).mutation(async ({ ctx, input }) => ({ secret: await rotateWebhookSecret(ctx.db, input.id) })),
  deliveries: billingProcedure
    .input(pagingSchema.extend({ endpointId: z.string().min(1), status: z.enum(["pending", "delivered", "failed", "dead"]).optional() }))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, input.endpointId, input)),
  resend: billingProcedure.input(idSchema).mutation(({ ctx, input }) => {
    const cfg = appEnv.billing();
    return resendWebhookDelivery(ctx.db, input.id, { scheduleMs: cfg.webhookRetryScheduleMs, allowLoopback: cfg.allowLoopbackWebhooks });
  }),
});
