/**
 * Provider staff in the CRM (seed 004's user sync): provision or link a
 * staff user on request, re-sync one, and reset a password in both systems
 * at once. The password goes to the queue only as a SyncSecret id (AES-GCM
 * ciphertext, deleted once the CRM has it); it is never in a queue payload,
 * a log line or the call log. Every request is recorded in the account trail.
 */
import type { Db, DbOrTx } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { recordAccountAction } from "@/server/people/account-actions";
import type { CrmConnection } from "@/server/generated/prisma/client";
import { dispatchSyncWork } from "../engine/dispatch";
import { enqueueOperation, newCorrelationId } from "../engine/enqueue";
import { CrmError, crmNotFound } from "../errors";
import { getLiveConnectionOrThrow } from "../connections/manage-connections";
import { getConnectorProvider } from "../connector-registry";
import { moduleConfigsOf } from "../connection-runtime";
import { generateStaffPassword, queueStaffPassword, storeQueuedSecret } from "./staff-crm-mirror";

const STAFF_ROLES = ["PROVIDER_ADMIN", "AGENT"] as const;

function splitName(name: string | null, email: string): { firstName?: string; lastName: string } {
  const t = (name ?? "").trim();
  if (!t) return { lastName: email.split("@")[0]! };
  const at = t.lastIndexOf(" ");
  return at <= 0 ? { lastName: t } : { firstName: t.slice(0, at), lastName: t.slice(at + 1) };
}

export interface StaffRow {
  id: string;
  email: string;
  name: string | null;
  role: string;
  active: boolean;
  links: { connectionId: string; status: string; externalId: string | null; remoteUrl: string | null; lastError: string | null }[];
}

/** Provider staff with their CRM accounts. */
export async function listStaffWithCrm(db: Db): Promise<StaffRow[]> {
  const users = await db.user.findMany({
    where: { deletedAt: null, memberships: { some: { role: { in: [...STAFF_ROLES] } } } },
    include: { memberships: { select: { role: true } } },
    orderBy: { email: "asc" },
  });
  const links = await db.syncLink.findMany({
    where: { entity: "user", entityId: { in: users.map((u) => u.id) }, connection: { deletedAt: null } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.memberships[0]?.role ?? "AGENT",
    active: u.disabledAt === null,
    links: links
      .filter((l) => l.entityId === u.id)
      .map((l) => ({ connectionId: l.connectionId, status: l.status, externalId: l.externalId, remoteUrl: l.remoteUrl, lastError: l.lastError })),
  }));
}

/** The staff member (provider roles only; client staff never get CRM users), or NOT_FOUND. */
export async function getStaffOrThrow(db: DbOrTx, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, deletedAt: null, memberships: { some: { role: { in: [...STAFF_ROLES] } } } },
  });
  if (!user) throw crmNotFound("The staff member");
  return user;
}

/** Whether a connection can hold staff accounts: its CRM has a user module, enabled here, and a staff role is chosen. */
export function staffSyncProblem(conn: Pick<CrmConnection, "provider" | "modules" | "staffRoleId">): string | null {
  const provider = getConnectorProvider(conn.provider);
  if (!provider.userModule || !moduleConfigsOf(conn)[provider.userModule]) {
    return `Enable the ${provider.userModule ?? "users"} module on this connection to create staff accounts`;
  }
  if (!conn.staffRoleId) return "Choose the CRM role for staff accounts in the connection's settings";
  return null;
}

/** Live, enabled connections that sync staff accounts. */
export async function listStaffSyncConnections(db: DbOrTx): Promise<CrmConnection[]> {
  const rows = await db.crmConnection.findMany({ where: { deletedAt: null, enabled: true }, orderBy: { createdAt: "asc" } });
  return rows.filter((c) => staffSyncProblem(c) === null);
}

/**
 * Dead or waiting provisioning and status items of this person on this
 * connection are superseded by a new request: they go, with their secrets,
 * so no dead letter is left that nobody can act on.
 */
async function supersedeUserItems(tx: DbOrTx, connectionId: string, userId: string, operations: ("USER_PROVISION" | "USER_STATUS")[]) {
  const stale = await tx.syncQueueItem.findMany({
    where: { connectionId, entity: "user", entityId: userId, operation: { in: operations }, status: { in: ["PENDING", "FAILED", "DEAD"] } },
    select: { id: true, payload: true },
  });
  if (!stale.length) return;
  const secretIds = stale.map((i) => (i.payload as { secretId?: unknown } | null)?.secretId).filter((id): id is string => typeof id === "string");
  await tx.syncSecret.deleteMany({ where: { id: { in: secretIds } } });
  await tx.syncQueueItem.deleteMany({ where: { id: { in: stale.map((i) => i.id) } } });
}

/**
 * Inside the caller's transaction: the one password is set here and queued
 * (as a secret) with a request to provision the CRM user named `userName`,
 * or failing that the one with the staff member's e-mail.
 */
export async function queueStaffProvision(
  tx: DbOrTx,
  input: { user: { id: string; email: string; name: string | null; disabledAt: Date | null }; connection: CrmConnection; password: string; userName?: string },
) {
  const { user, connection } = input;
  const userModule = getConnectorProvider(connection.provider).userModule!;
  await supersedeUserItems(tx, connection.id, user.id, ["USER_PROVISION"]);
  const secretId = await storeQueuedSecret(tx, input.password);
  await tx.syncLink.upsert({
    where: { connectionId_entity_entityId: { connectionId: connection.id, entity: "user", entityId: user.id } },
    create: { connectionId: connection.id, entity: "user", entityId: user.id, module: userModule, status: "PENDING" },
    update: { status: "PENDING", lastError: null },
  });
  return enqueueOperation(
    tx,
    {
      connectionId: connection.id,
      entity: "user",
      entityId: user.id,
      operation: "USER_PROVISION",
      payload: { secretId, userName: input.userName?.trim() || user.email, email: user.email, ...splitName(user.name, user.email), active: user.disabledAt === null },
    },
    { correlationId: newCorrelationId() },
  );
}

/**
 * "Sync to CRM": sets one password in both systems (the given one, or a
 * generated one that is returned once to show the admin) and queues linking
 * the CRM account: the CRM user named `crmUserName` (default: the staff
 * member's e-mail), or failing that the one with the staff member's e-mail.
 * Where the CRM cannot create users (Vtiger 8.4) and none matches, the item
 * ends with the explanation of what the CRM admin must do
 * (`crmUserLimits`), not in a retry loop.
 */
export async function provisionStaffUser(
  db: Db,
  input: { userId: string; connectionId: string; password?: string; crmUserName?: string; actorId?: string | null },
): Promise<{ itemId: string; generatedPassword: string | null }> {
  const user = await getStaffOrThrow(db, input.userId);
  const conn = await getLiveConnectionOrThrow(db, input.connectionId);
  const problem = staffSyncProblem(conn);
  if (problem) throw new CrmError("bad_request", problem);
  const password = input.password ?? generateStaffPassword();
  const passwordHash = await hashPassword(password);
  const item = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const queued = await queueStaffProvision(tx, { user, connection: conn, password, userName: input.crmUserName });
    await recordAccountAction(tx, {
      action: "crm.link_requested",
      actorId: input.actorId ?? null,
      userId: user.id,
      detail: { connection: conn.name, crmUser: input.crmUserName?.trim() || user.email },
    });
    return queued;
  });
  await dispatchSyncWork([conn.id]);
  return { itemId: item.id, generatedPassword: input.password ? null : password };
}

/** Links a staff member to an existing CRM user found by user name or e-mail (one password for both afterwards). */
export function linkStaffUser(
  db: Db,
  input: { userId: string; connectionId: string; crmUserNameOrEmail: string; password?: string; actorId?: string | null },
): Promise<{ itemId: string; generatedPassword: string | null }> {
  if (!input.crmUserNameOrEmail.trim()) throw new CrmError("bad_request", "Enter the CRM user's user name or e-mail", "crmUserNameOrEmail");
  return provisionStaffUser(db, { ...input, crmUserName: input.crmUserNameOrEmail });
}

/**
 * "Re-sync" of a linked CRM user: queues the status the person has here now
 * (superseding dead status items of theirs), so a mirror that failed earlier
 * is applied again once the CRM side is fixed.
 */
export async function resyncStaffUser(db: Db, input: { userId: string; connectionId: string; actorId: string }): Promise<{ itemId: string }> {
  const user = await getStaffOrThrow(db, input.userId);
  const conn = await getLiveConnectionOrThrow(db, input.connectionId);
  const link = await db.syncLink.findUnique({ where: { connectionId_entity_entityId: { connectionId: conn.id, entity: "user", entityId: user.id } } });
  if (!link?.externalId) throw new CrmError("bad_request", "This person has no CRM user on that connection yet; sync or link one first");
  const item = await db.$transaction(async (tx) => {
    await supersedeUserItems(tx, conn.id, user.id, ["USER_STATUS"]);
    const queued = await enqueueOperation(
      tx,
      { connectionId: conn.id, entity: "user", entityId: user.id, operation: "USER_STATUS", payload: { active: user.disabledAt === null } },
      { correlationId: newCorrelationId() },
    );
    await recordAccountAction(tx, { action: "crm.resync_requested", actorId: input.actorId, userId: user.id, detail: { connection: conn.name } });
    return queued;
  });
  await dispatchSyncWork([conn.id]);
  return { itemId: item.id };
}

/** What the CRM's webservice can and cannot do with users, in words for the admin. */
export function crmUserLimits(provider: string): { canCreate: boolean; canReactivate: boolean; explanation: string } {
  if (provider !== "vtiger") return { canCreate: true, canReactivate: true, explanation: "" };
  return {
    canCreate: false,
    canReactivate: false,
    explanation:
      "Vtiger's webservice cannot create users, and it hides users set to Inactive, so it cannot set them Active again. " +
      "A Vtiger admin creates each staff user under Settings > User Management > Users, then you link them here by user name or e-mail. " +
      "Disabling a staff member here sets their Vtiger user Inactive; to enable them again, the Vtiger admin sets the user Active in Vtiger first.",
  };
}

/** Sets a new password here and in every CRM account of the staff member. */
export async function resetStaffPassword(
  db: Db,
  input: { userId: string; password?: string; actorId?: string | null },
): Promise<{ generatedPassword: string | null; crmAccounts: number }> {
  const user = await getStaffOrThrow(db, input.userId);
  const password = input.password ?? generateStaffPassword();
  const passwordHash = await hashPassword(password);
  const wake = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const connections = await queueStaffPassword(tx, user.id, password);
    await recordAccountAction(tx, { action: "crm.password_set", actorId: input.actorId ?? null, userId: user.id, detail: { crmAccounts: connections.length } });
    return connections;
  });
  await dispatchSyncWork(wake);
  return { generatedPassword: input.password ? null : password, crmAccounts: wake.length };
}
