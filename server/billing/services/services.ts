/** Source apps ("services"): their API keys are shown once and stored only as SHA-256 hashes. */
import { serviceSchema, type ServiceInput } from "@/lib/validators/billing";
import type { DbOrTx } from "@/server/db";
import { generateApiKey, hashToken } from "@/server/security/tokens";
import { forgetServiceKeys } from "../api/service-key-cache";
import { BillingError, isUniqueViolation, notFound } from "../errors";

/** Prefix of every billing API key, so a leaked key is recognisable in logs and scanners. */
export const SERVICE_KEY_PREFIX = "sbk";

/** Creates a service and returns its API key: the only time the key exists outside the caller. */
export async function createService(db: DbOrTx, input: ServiceInput): Promise<{ service: { id: string; code: string; name: string; apiKeyPrefix: string }; apiKey: string }> {
  const data = serviceSchema.parse(input);
  const { key, keyPrefix } = generateApiKey(SERVICE_KEY_PREFIX);
  try {
    const service = await db.billingService.create({
      data: { ...data, apiKeyHash: hashToken(key), apiKeyPrefix: keyPrefix },
      select: { id: true, code: true, name: true, apiKeyPrefix: true },
    });
    return { service, apiKey: key };
  } catch (error) {
    if (isUniqueViolation(error)) throw new BillingError("conflict", `A service with code ${data.code} already exists`, { field: "code" });
    throw error;
  }
}

/** Replaces a service's key; the old key stops working at once. */
export async function rotateServiceKey(db: DbOrTx, id: string): Promise<{ apiKey: string; apiKeyPrefix: string }> {
  const { key, keyPrefix } = generateApiKey(SERVICE_KEY_PREFIX);
  const { count } = await db.billingService.updateMany({ where: { id }, data: { apiKeyHash: hashToken(key), apiKeyPrefix: keyPrefix } });
  if (count === 0) throw notFound("Service", id);
  forgetServiceKeys();
  return { apiKey: key, apiKeyPrefix: keyPrefix };
}

export async function updateService(db: DbOrTx, id: string, input: { name?: string; rateLimitPerMinute?: number; active?: boolean }) {
  const existing = await db.billingService.findUnique({ where: { id }, select: { code: true, name: true, rateLimitPerMinute: true } });
  if (!existing) throw notFound("Service", id);
  const data = serviceSchema.parse({
    name: input.name ?? existing.name,
    code: existing.code,
    rateLimitPerMinute: input.rateLimitPerMinute ?? existing.rateLimitPerMinute,
  });
  const updated = await db.billingService.update({
    where: { id },
    data: { name: data.name, rateLimitPerMinute: data.rateLimitPerMinute, ...(input.active === undefined ? {} : { active: input.active }) },
    select: { id: true, code: true, name: true, apiKeyPrefix: true, rateLimitPerMinute: true, active: true },
  });
  forgetServiceKeys();
  return updated;
}

/** Services without their key hashes. */
export async function listServices(db: DbOrTx) {
  return db.billingService.findMany({
    orderBy: { code: "asc" },
    select: {
      id: true,
      code: true,
      name: true,
      apiKeyPrefix: true,
      rateLimitPerMinute: true,
      active: true,
      lastUsedAt: true,
      createdAt: true,
      _count: { select: { subscriptions: true, accountLinks: true, webhookEndpoints: true } },
    },
  });
}
