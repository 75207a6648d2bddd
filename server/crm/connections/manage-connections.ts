/**
 * Adding, editing, enabling, disabling and deleting CRM connections. The
 * access key is encrypted before it is stored; a delete is soft, so queue
 * items, links, conflicts and the call log stay readable as history.
 */
import type { Db } from "@/server/db";
import type { CrmConnection, Prisma } from "@/server/generated/prisma/client";
import {
  createConnectionSchema,
  updateConnectionSchema,
  type CreateConnectionInput,
  type UpdateConnectionInput,
} from "@/lib/validators/crm";
import { forgetConnector } from "../connection-runtime";
import { getConnectorProvider } from "../connector-registry";
import { crmNotFound, CrmError } from "../errors";
import { encryptSecret } from "../secret-box";
import { assertCrmBaseUrl, type BaseUrlCheckOptions } from "./check-base-url";

export type ConnectionServiceOptions = BaseUrlCheckOptions & { actorId?: string };

/** Normalises a base URL as typed ("…/vtigercrm/" → "…/vtigercrm"). */
export function normaliseBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, "").replace(/\/webservice\.php$/i, "");
}

export async function createConnection(db: Db, input: CreateConnectionInput, opts: ConnectionServiceOptions): Promise<CrmConnection> {
  const data = createConnectionSchema.parse(input);
  try {
    getConnectorProvider(data.provider);
  } catch {
    throw new CrmError("bad_request", `Unknown CRM "${data.provider}"`, "provider");
  }
  const baseUrl = normaliseBaseUrl(data.baseUrl);
  await assertCrmBaseUrl(baseUrl, opts);
  return db.crmConnection.create({
    data: {
      name: data.name,
      provider: data.provider,
      baseUrl,
      username: data.username,
      secretCiphertext: encryptSecret(data.accessKey, "crm-connection"),
      modules: data.modules as Prisma.InputJsonValue,
      pullIntervalMinutes: data.pullIntervalMinutes,
      taskRoleId: data.taskRoleId,
      taskAssignMode: data.taskAssignMode,
      staffRoleId: data.staffRoleId,
      paymentSummaryWeekday: data.paymentSummaryWeekday,
      paymentSummaryHour: data.paymentSummaryHour,
      companyId: data.companyId,
      createdById: opts.actorId ?? null,
    },
  });
}

/** A connection that is not deleted, or a not-found error. */
export async function getLiveConnectionOrThrow(db: Db, id: string): Promise<CrmConnection> {
  const c = await db.crmConnection.findUnique({ where: { id } });
  if (!c || c.deletedAt) throw crmNotFound("The connection");
  return c;
}

export async function updateConnection(db: Db, input: UpdateConnectionInput, opts: ConnectionServiceOptions): Promise<CrmConnection> {
  const { id, data } = updateConnectionSchema.parse(input);
  await getLiveConnectionOrThrow(db, id);
  const update: Prisma.CrmConnectionUpdateInput = {};
  if (data.name !== undefined) update.name = data.name;
  if (data.baseUrl !== undefined) {
    update.baseUrl = normaliseBaseUrl(data.baseUrl);
    await assertCrmBaseUrl(update.baseUrl, opts);
  }
  if (data.username !== undefined) update.username = data.username;
  if (data.accessKey !== undefined) update.secretCiphertext = encryptSecret(data.accessKey, "crm-connection");
  if (data.modules !== undefined) update.modules = data.modules as Prisma.InputJsonValue;
  if (data.pullIntervalMinutes !== undefined) update.pullIntervalMinutes = data.pullIntervalMinutes;
  if (data.taskRoleId !== undefined) update.taskRoleId = data.taskRoleId;
  if (data.taskAssignMode !== undefined) update.taskAssignMode = data.taskAssignMode;
  if (data.staffRoleId !== undefined) update.staffRoleId = data.staffRoleId;
  if (data.paymentSummaryWeekday !== undefined) update.paymentSummaryWeekday = data.paymentSummaryWeekday;
  if (data.paymentSummaryHour !== undefined) update.paymentSummaryHour = data.paymentSummaryHour;
  if (data.companyId !== undefined) update.companyId = data.companyId;
  const row = await db.crmConnection.update({ where: { id }, data: update });
  forgetConnector(id);
  return row;
}

export async function setConnectionEnabled(db: Db, id: string, enabled: boolean): Promise<CrmConnection> {
  await getLiveConnectionOrThrow(db, id);
  return db.crmConnection.update({ where: { id }, data: { enabled } });
}

/**
 * Soft delete: the connection stops syncing and disappears from the lists;
 * waiting items go to the dead letter with the reason, and everything stays
 * in the database as history.
 */
export async function deleteConnection(db: Db, id: string): Promise<void> {
  await getLiveConnectionOrThrow(db, id);
  const now = new Date();
  await db.$transaction([
    db.crmConnection.update({ where: { id }, data: { deletedAt: now, enabled: false } }),
    db.syncQueueItem.updateMany({
      where: { connectionId: id, status: { in: ["PENDING", "FAILED"] } },
      data: { status: "DEAD", coalesceKey: null, lastError: "The connection was deleted", lastErrorKind: "config", finishedAt: now },
    }),
  ]);
  forgetConnector(id);
}
