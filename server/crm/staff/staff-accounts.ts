/**
 * Provider staff in the CRM (seed 004's user sync): provision a staff user
 * on request, mirror their active status, and reset a password in both
 * systems at once. The password goes to the queue only as a SyncSecret id
 * (AES-GCM ciphertext, deleted once the CRM has it); it is never in a queue
 * payload, a log line or the call log.
 */
import crypto from "node:crypto";
import type { Db } from "@/server/db";
import { hashPassword } from "@/server/auth/password";
import { dispatchSyncWork } from "../engine/dispatch";
import { enqueueOperation, newCorrelationId } from "../engine/enqueue";
import { CrmError, crmNotFound } from "../errors";
import { encryptSecret } from "../secret-box";
import { getLiveConnectionOrThrow } from "../connections/manage-connections";
import { getConnectorProvider } from "../connector-registry";
import { moduleConfigsOf } from "../connection-runtime";

/** Queued passwords expire after a week (a dead item retried later asks for a new one). */
const SECRET_TTL_MS = 7 * 86_400_000;

/** A strong password that satisfies common CRM password rules (upper, lower, digit, symbol). */
export function generateStaffPassword(): string {
  const body = crypto.randomBytes(15).toString("base64url");
  return `${body}Aa9!`;
}

async function storeSecret(db: Pick<Db, "syncSecret">, plain: string): Promise<string> {
  const row = await db.syncSecret.create({
    data: { ciphertext: encryptSecret(plain, "crm-queue"), expiresAt: new Date(Date.now() + SECRET_TTL_MS) },
  });
  return row.id;
}

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
    where: { memberships: { some: { role: { in: ["PROVIDER_ADMIN", "AGENT"] } } } },
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

async function getStaffOrThrow(db: Db, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId, memberships: { some: { role: { in: ["PROVIDER_ADMIN", "AGENT"] } } } },
  });
  if (!user) throw crmNotFound("The staff member");
  return user;
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
  input: { userId: string; connectionId: string; password?: string; crmUserName?: string },
): Promise<{ itemId: string; generatedPassword: string | null }> {
  const user = await getStaffOrThrow(db, input.userId);
  const conn = await getLiveConnectionOrThrow(db, input.connectionId);
  const provider = getConnectorProvider(conn.provider);
  if (!provider.userModule || !moduleConfigsOf(conn)[provider.userModule]) {
    throw new CrmError("bad_request", `Enable the ${provider.userModule ?? "users"} module on this connection to create staff accounts`);
  }
  if (!conn.staffRoleId) throw new CrmError("bad_request", "Choose the CRM role for staff accounts in the connection's settings");
  const password = input.password ?? generateStaffPassword();
  const passwordHash = await hashPassword(password);
  const names = splitName(user.name, user.email);
  const item = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const secretId = await storeSecret(tx, password);
    await tx.syncLink.upsert({
      where: { connectionId_entity_entityId: { connectionId: conn.id, entity: "user", entityId: user.id } },
      create: { connectionId: conn.id, entity: "user", entityId: user.id, module: provider.userModule!, status: "PENDING" },
      update: { status: "PENDING", lastError: null },
    });
    return enqueueOperation(
      tx,
      {
        connectionId: conn.id,
        entity: "user",
        entityId: user.id,
        operation: "USER_PROVISION",
        payload: {
          secretId,
          userName: input.crmUserName?.trim() || user.email,
          email: user.email,
          ...names,
          active: user.disabledAt === null,
        },
      },
      { correlationId: newCorrelationId() },
    );
  });
  await dispatchSyncWork([conn.id]);
  return { itemId: item.id, generatedPassword: input.password ? null : password };
}

/** Links a staff member to an existing CRM user found by user name or e-mail (one password for both afterwards). */
export function linkStaffUser(
  db: Db,
  input: { userId: string; connectionId: string; crmUserNameOrEmail: string; password?: string },
): Promise<{ itemId: string; generatedPassword: string | null }> {
  if (!input.crmUserNameOrEmail.trim()) throw new CrmError("bad_request", "Enter the CRM user's user name or e-mail");
  return provisionStaffUser(db, { ...input, crmUserName: input.crmUserNameOrEmail });
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

/** Disables or enables a staff member here and mirrors it to every CRM account they have. */
export async function setStaffActive(db: Db, input: { userId: string; active: boolean }): Promise<void> {
  const user = await getStaffOrThrow(db, input.userId);
  const wake = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: input.active ? null : new Date() } });
    if (!input.active) await tx.session.deleteMany({ where: { userId: user.id } });
    const links = await tx.syncLink.findMany({
      where: { entity: "user", entityId: user.id, externalId: { not: null }, connection: { deletedAt: null, enabled: true } },
    });
    const correlationId = newCorrelationId();
    for (const l of links) {
      await enqueueOperation(
        tx,
        { connectionId: l.connectionId, entity: "user", entityId: user.id, operation: "USER_STATUS", payload: { active: input.active } },
        { correlationId },
      );
    }
    return links.map((l) => l.connectionId);
  });
  await dispatchSyncWork(wake);
}

/** Sets a new password here and in every CRM account of the staff member. */
export async function resetStaffPassword(
  db: Db,
  input: { userId: string; password?: string },
): Promise<{ generatedPassword: string | null; crmAccounts: number }> {
  const user = await getStaffOrThrow(db, input.userId);
  const password = input.password ?? generateStaffPassword();
  const passwordHash = await hashPassword(password);
  const wake = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const links = await tx.syncLink.findMany({
      where: { entity: "user", entityId: user.id, externalId: { not: null }, connection: { deletedAt: null, enabled: true } },
    });
    const correlationId = newCorrelationId();
    for (const l of links) {
      const secretId = await storeSecret(tx, password);
      await enqueueOperation(
        tx,
        { connectionId: l.connectionId, entity: "user", entityId: user.id, operation: "USER_PASSWORD", payload: { secretId } },
        { correlationId },
      );
    }
    return links.map((l) => l.connectionId);
  });
  await dispatchSyncWork(wake);
  return { generatedPassword: input.password ? null : password, crmAccounts: wake.length };
}
