/** Outbound webhook endpoints of the services: created only for URLs the SSRF guard accepts. */
import { webhookEndpointSchema, type WebhookEndpointInput } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { assertSafeUrl, SsrfBlockedError, type SsrfOptions } from "@/server/net/ssrf-guard";
import { generateToken } from "@/server/security/tokens";
import { BillingError, notFound } from "../errors";

/** A new signing secret: whsec_ + 32 random URL-safe characters. */
export function newWebhookSecret(): string {
  return `whsec_${generateToken(24)}`;
}

/** Refuses URLs that point into our own network, with the guard's reason as a field error. */
export async function assertDeliverableUrl(url: string, options: SsrfOptions): Promise<void> {
  try {
    await assertSafeUrl(url, options);
  } catch (error) {
    if (error instanceof SsrfBlockedError) {
      throw new BillingError("validation_failed", error.message, { fieldErrors: { url: error.message }, reason: error.reason });
    }
    throw error;
  }
}

export async function createWebhookEndpoint(db: DbOrTx, input: WebhookEndpointInput, ssrf: SsrfOptions) {
  const data = webhookEndpointSchema.parse(input);
  await assertDeliverableUrl(data.url, ssrf);
  const service = await db.billingService.findUnique({ where: { id: data.serviceId }, select: { id: true } });
  if (!service) throw notFound("Service", data.serviceId);
  return db.billingWebhookEndpoint.create({ data: { ...data, secret: newWebhookSecret() } });
}

export async function updateWebhookEndpoint(
  db: DbOrTx,
  id: string,
  input: { url?: string; description?: string | null; eventTypes?: WebhookEndpointInput["eventTypes"]; format?: WebhookEndpointInput["format"]; active?: boolean },
  ssrf: SsrfOptions,
) {
  const current = await db.billingWebhookEndpoint.findUnique({ where: { id } });
  if (!current) throw notFound("Webhook endpoint", id);
  const data = webhookEndpointSchema.parse({
    serviceId: current.serviceId,
    url: input.url ?? current.url,
    description: input.description === undefined ? (current.description ?? undefined) : (input.description ?? undefined),
    eventTypes: input.eventTypes ?? current.eventTypes,
    format: input.format ?? current.format,
  });
  if (data.url !== current.url) await assertDeliverableUrl(data.url, ssrf);
  return db.billingWebhookEndpoint.update({
    where: { id },
    data: { url: data.url, description: data.description, eventTypes: data.eventTypes, format: data.format, ...(input.active === undefined ? {} : { active: input.active }) },
  });
}

export async function rotateWebhookSecret(db: DbOrTx, id: string): Promise<string> {
  const secret = newWebhookSecret();
  const { count } = await db.billingWebhookEndpoint.updateMany({ where: { id }, data: { secret } });
  if (count === 0) throw notFound("Webhook endpoint", id);
  return secret;
}

export async function deleteWebhookEndpoint(db: DbOrTx, id: string): Promise<void> {
  const { count } = await db.billingWebhookEndpoint.deleteMany({ where: { id } });
  if (count === 0) throw notFound("Webhook endpoint", id);
}

/** Endpoints (without secrets) with their delivery counts per state. */
export async function listWebhookEndpoints(db: DbOrTx) {
  const endpoints = await db.billingWebhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      url: true,
      description: true,
      eventTypes: true,
      format: true,
      active: true,
      createdAt: true,
      service: { select: { id: true, code: true, name: true } },
    },
  });
  const counts = await db.billingWebhookDelivery.groupBy({ by: ["endpointId", "status"], _count: { _all: true } });
  return endpoints.map((e) => ({
    ...e,
    deliveries: Object.fromEntries(counts.filter((c) => c.endpointId === e.id).map((c) => [c.status, c._count._all])) as Partial<
      Record<"pending" | "delivered" | "failed" | "dead", number>
    >,
  }));
}

/** An endpoint's delivery log, newest first, with each attempt. */
export async function listWebhookDeliveries(
  db: DbOrTx,
  endpointId: string,
  opts: { status?: "pending" | "delivered" | "failed" | "dead"; page: number; pageSize: number },
) {
  const where: Prisma.BillingWebhookDeliveryWhereInput = { endpointId, ...(opts.status ? { status: opts.status } : {}) };
  const [rows, total] = await Promise.all([
    db.billingWebhookDelivery.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      include: { event: { select: { id: true, type: true, payload: true, createdAt: true } }, log: { orderBy: { startedAt: "asc" } } },
    }),
    db.billingWebhookDelivery.count({ where }),
  ]);
  return { rows, total, page: opts.page, pageSize: opts.pageSize };
}
