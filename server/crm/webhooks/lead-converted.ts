/**
 * Vtiger's lead conversion: the CRM turned a lead into a contact, and the
 * customer is created here (or, when a customer with that contact link or
 * e-mail exists, linked to it: one customer per real client). The event id
 * is stored in the same transaction, so a replayed event changes nothing.
 */
import { z } from "zod";
import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { getConnectorProvider } from "../connector-registry";
import { moduleConfigsOf } from "../connection-runtime";
import { customerAdapter } from "../entities/customer-adapter";
import { connectionIdsOf, enqueueRecordChange, type EnqueuedItem } from "../engine/enqueue";
import { canonicalValue } from "../engine/field-values";
import { keyOf } from "../engine/handlers/push-record";
import { stampAll, stampsJson } from "../engine/link-state";
import { effectiveMappings, type EffectiveMapping } from "../engine/mappings";

export const leadConvertedSchema = z.object({
  eventId: z.string().trim().min(1).max(200),
  leadId: z.string().trim().max(50).optional(),
  /** Which connection sent it; defaults to the only (first) active Vtiger connection. */
  connectionId: z.string().optional(),
  contact: z
    .object({
      /** Web-service id of the new contact, e.g. "12x55". */
      id: z.string().trim().max(50).optional(),
      lastname: z.string().trim().min(1, "contact.lastname is required"),
    })
    .catchall(z.unknown()),
});
export type LeadConvertedEvent = z.infer<typeof leadConvertedSchema>;

/** The event was handled before: the sender retried or replayed it. Carries what the first delivery did. */
export class ReplayedEventError extends Error {
  override name = "ReplayedEventError";
  constructor(
    message: string,
    readonly customerId: string | null,
  ) {
    super(message);
  }
}

export interface LeadConvertedResult {
  customerId: string;
  created: boolean;
  wake: string[];
}

export async function handleLeadConverted(db: Db, event: LeadConvertedEvent): Promise<LeadConvertedResult> {
  const connection = await db.crmConnection.findFirst({
    where: { provider: "vtiger", deletedAt: null, ...(event.connectionId ? { id: event.connectionId } : { enabled: true }) },
    orderBy: { createdAt: "asc" },
  });
  const provider = getConnectorProvider("vtiger");
  const remoteModule = provider.entityModules.customer!;
  let mappings: EffectiveMapping[];
  if (connection) {
    const custom = await db.crmFieldMapping.findMany({ where: { connectionId: connection.id } });
    mappings = effectiveMappings("vtiger", moduleConfigsOf(connection), custom, "customer");
  } else {
    // No connection yet: read the contact with the connector's default mappings.
    mappings = provider.defaultFieldMappings("customer").map((m) => ({
      ...m,
      module: remoteModule,
      fieldType: "TEXT",
      ownerRule: "newest_wins",
      source: "default",
      enabled: true,
    }));
  }
  const values: Record<string, string | null> = {};
  for (const m of mappings) {
    if (m.remoteField in event.contact) values[m.localPath] = canonicalValue(event.contact[m.remoteField], m.fieldType);
  }
  const externalId = event.contact.id ?? null;

  try {
    return await db.$transaction(async (tx) => {
      await tx.crmWebhookEvent.create({ data: { provider: "vtiger", eventId: event.eventId, kind: "lead-converted" } });
      let customerId: string | null = null;
      if (connection && externalId) {
        const link = await tx.syncLink.findFirst({ where: { connectionId: connection.id, module: remoteModule, externalId } });
        customerId = link?.entityId ?? null;
      }
      const email = values.email?.toLowerCase();
      if (!customerId && email) {
        customerId = (await tx.customer.findFirst({ where: { email }, orderBy: { createdAt: "asc" }, select: { id: true } }))?.id ?? null;
      }
      const created = !customerId;
      if (!customerId) customerId = await customerAdapter.createFromRemote(tx, values);
      let items: EnqueuedItem[] = [];
      if (connection && externalId) {
        const now = new Date();
        await tx.syncLink.upsert({
          where: { connectionId_entity_entityId: { connectionId: connection.id, entity: "customer", entityId: customerId } },
          create: {
            connectionId: connection.id,
            entity: "customer",
            entityId: customerId,
            module: remoteModule,
            externalId,
            status: "SYNCED",
            lastSyncedAt: now,
            baseValues: values,
            fieldStamps: stampsJson(stampAll(values, "remote", now)),
          },
          update: {},
        });
        await customerAdapter.rememberExternalId?.(tx, customerId, keyOf("vtiger", connection.id), externalId);
      }
      await tx.crmWebhookEvent.update({
        where: { provider_eventId: { provider: "vtiger", eventId: event.eventId } },
        data: { customerId },
      });
      if (created) {
        items = await enqueueRecordChange(tx, {
          entity: "customer",
          entityId: customerId,
          operation: "CREATE",
          exceptConnectionId: connection && externalId ? connection.id : undefined,
        });
      }
      return { customerId, created, wake: connectionIdsOf(items) };
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const first = await db.crmWebhookEvent.findUnique({
        where: { provider_eventId: { provider: "vtiger", eventId: event.eventId } },
        select: { customerId: true },
      });
      throw new ReplayedEventError(`Event ${event.eventId} was already received`, first?.customerId ?? null);
    }
    throw e;
  }
}
