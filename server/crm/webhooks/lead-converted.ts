/**
 * A contact Vtiger created by converting a lead (or any new contact, as the
 * admin's workflow chooses) becomes a customer here, or is linked to the
 * customer with that contact link or e-mail (one customer per real client).
 * The contact id is the event id, stored in the same transaction, so a
 * second delivery of the same contact changes nothing.
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

/**
 * The record as a Vtiger workflow's entity data holds it (webservice field
 * names, the record's webservice id in `id`, every value a string), which is
 * what the documented custom function sends.
 */
export const convertedContactSchema = z
  .object({
    id: z
      .string({ error: "id is required: the contact's webservice id, e.g. 12x55" })
      .trim()
      .regex(/^\d+x\d+$/, "id must be the contact's webservice id, e.g. 12x55"),
    lastname: z.string({ error: "lastname is required" }).trim().min(1, "lastname is required"),
  })
  .catchall(z.string().max(4000, "a field value can be at most 4000 characters").nullable());
export type ConvertedContact = z.infer<typeof convertedContactSchema>;

export interface LeadConvertedEvent {
  /** Which connection sent it; defaults to the first active Vtiger connection. */
  connectionId?: string;
  contact: ConvertedContact;
}

/** The webhook's replay key for a contact. */
export function leadEventId(contactId: string): string {
  return `contact:${contactId}`;
}

/** Whether this contact was already received (a replay needs no work at all). */
export async function leadAlreadyReceived(db: Db, contactId: string): Promise<boolean> {
  const row = await db.crmWebhookEvent.findUnique({ where: { provider_eventId: { provider: "vtiger", eventId: leadEventId(contactId) } }, select: { id: true } });
  return row !== null;
}

export interface LeadConvertedResult {
  customerId: string | null;
  created: boolean;
  /** The contact had been received before: nothing was changed. */
  replayed: boolean;
  wake: string[];
}

export async function importConvertedLead(db: Db, event: LeadConvertedEvent): Promise<LeadConvertedResult> {
  const eventId = leadEventId(event.contact.id);
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
  const externalId = event.contact.id;

  try {
    return await db.$transaction(async (tx) => {
      await tx.crmWebhookEvent.create({ data: { provider: "vtiger", eventId, kind: "lead-converted" } });
      let customerId: string | null = null;
      if (connection) {
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
      if (connection) {
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
        where: { provider_eventId: { provider: "vtiger", eventId } },
        data: { customerId },
      });
      if (created) {
        items = await enqueueRecordChange(tx, {
          entity: "customer",
          entityId: customerId,
          operation: "CREATE",
          exceptConnectionId: connection ? connection.id : undefined,
        });
      }
      return { customerId, created, replayed: false, wake: connectionIdsOf(items) };
    });
  } catch (e) {
    // Two deliveries raced past the replay check: the loser changes nothing and reports what the first did.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const first = await db.crmWebhookEvent.findUnique({ where: { provider_eventId: { provider: "vtiger", eventId } }, select: { customerId: true } });
      return { customerId: first?.customerId ?? null, created: false, replayed: true, wake: [] };
    }
    throw e;
  }
}
