/**
 * Staff accounts in the CRM: provisioning, active status, password. The
 * password never sits in the queue: the item carries the id of a SyncSecret
 * (encrypted with the CRM key), which is deleted once the CRM has it.
 */
import { z } from "zod";
import { ConnectorError, type UserProvisioning } from "../../connector";
import { decryptSecret } from "../../secret-box";
import type { HandlerContext, HandlerResult } from "./handler-context";

function usersOf(ctx: HandlerContext): UserProvisioning {
  if (!ctx.connector.users) throw new ConnectorError("config", `${ctx.connection.provider} does not support staff accounts`);
  return ctx.connector.users;
}

async function readSecret(ctx: HandlerContext, secretId: string): Promise<string> {
  const row = await ctx.db.syncSecret.findUnique({ where: { id: secretId } });
  if (!row || row.expiresAt < ctx.now()) {
    throw new ConnectorError("config", "The password for this request has expired; start the sync again", { retryable: false });
  }
  return decryptSecret(row.ciphertext, "crm-queue");
}

const provisionPayload = z.object({
  secretId: z.string(),
  userName: z.string().min(1),
  email: z.string().min(1),
  firstName: z.string().optional(),
  lastName: z.string().min(1),
  active: z.boolean(),
});

export async function userProvisionHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const p = provisionPayload.parse(ctx.item.payload);
  const roleId = ctx.connection.staffRoleId;
  if (!roleId) throw new ConnectorError("config", "Choose the CRM role for staff accounts in the connection's settings");
  const password = await readSecret(ctx, p.secretId);
  const user = await usersOf(ctx).createUser({ ...p, roleId, password });
  const remoteModule = "Users";
  await ctx.db.$transaction([
    ctx.db.syncLink.upsert({
      where: { connectionId_entity_entityId: { connectionId: ctx.connection.id, entity: "user", entityId: ctx.item.entityId } },
      create: {
        connectionId: ctx.connection.id,
        entity: "user",
        entityId: ctx.item.entityId,
        module: remoteModule,
        externalId: user.externalId,
        status: "SYNCED",
        lastSyncedAt: ctx.now(),
        remoteUrl: ctx.connector.remoteUrl(remoteModule, user.externalId),
      },
      update: {
        externalId: user.externalId,
        status: "SYNCED",
        lastError: null,
        lastSyncedAt: ctx.now(),
        remoteUrl: ctx.connector.remoteUrl(remoteModule, user.externalId),
      },
    }),
    ctx.db.syncSecret.deleteMany({ where: { id: p.secretId } }),
  ]);
  return { message: user.created ? "CRM user created" : "Existing CRM user linked; password and status set" };
}

const statusPayload = z.object({ active: z.boolean() });

export async function userStatusHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const { active } = statusPayload.parse(ctx.item.payload);
  if (!ctx.link?.externalId) return { message: "Not linked to a CRM user; nothing to mirror" };
  await usersOf(ctx).setUserActive(ctx.link.externalId, active);
  await ctx.db.syncLink.update({ where: { id: ctx.link.id }, data: { status: "SYNCED", lastError: null, lastSyncedAt: ctx.now() } });
  return { message: active ? "CRM user enabled" : "CRM user disabled" };
}

const passwordPayload = z.object({ secretId: z.string() });

export async function userPasswordHandler(ctx: HandlerContext): Promise<HandlerResult> {
  const { secretId } = passwordPayload.parse(ctx.item.payload);
  if (!ctx.link?.externalId) return { message: "Not linked to a CRM user; nothing to change" };
  const password = await readSecret(ctx, secretId);
  await usersOf(ctx).setUserPassword(ctx.link.externalId, password);
  await ctx.db.syncSecret.deleteMany({ where: { id: secretId } });
  return { message: "CRM password changed" };
}
