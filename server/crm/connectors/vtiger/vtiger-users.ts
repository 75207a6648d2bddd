/**
 * Staff accounts in Vtiger's Users module: list by role, provision (looking
 * the user name up first, so a retried request never makes a second user),
 * mirror the active status, and set passwords through changePassword.
 * Passwords are only ever sent to Vtiger; they are not logged or returned.
 */
import { ConnectorError, type CreateUserInput, type RemoteUser, type UserProvisioning } from "../../connector";
import type { VtigerClient, VtigerRecord } from "./vtiger-client";
import type { ModuleGuard } from "./vtiger-module-guard";
import { vtqlString } from "./vtql";

const USER_COLUMNS = "user_name, first_name, last_name, email1, status, roleid";

function toRemoteUser(r: VtigerRecord): RemoteUser {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return {
    externalId: r.id,
    userName: String(r.user_name ?? ""),
    email: text(r.email1),
    firstName: text(r.first_name),
    lastName: text(r.last_name),
    active: r.status !== "Inactive",
    roleId: text(r.roleid),
  };
}

export class VtigerUsers implements UserProvisioning {
  constructor(
    private readonly client: VtigerClient,
    private readonly guard: ModuleGuard,
  ) {}

  /** Reading users needs no enabled module: it is how tasks find their assignees. */
  async listUsers(filter: { roleId?: string; activeOnly?: boolean } = {}): Promise<RemoteUser[]> {
    const where: string[] = [];
    if (filter.roleId) where.push(`roleid = ${vtqlString(filter.roleId)}`);
    if (filter.activeOnly) where.push(`status = 'Active'`);
    const rows = await this.client.queryAll(
      `SELECT ${USER_COLUMNS} FROM Users${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY user_name`,
    );
    return rows.map(toRemoteUser);
  }

  async findUser(userName: string): Promise<RemoteUser | null> {
    const rows = await this.client.query(`SELECT ${USER_COLUMNS} FROM Users WHERE user_name = ${vtqlString(userName)} LIMIT 1`);
    return rows[0] ? toRemoteUser(rows[0]) : null;
  }

  async createUser(input: CreateUserInput): Promise<RemoteUser & { created: boolean }> {
    this.guard.require("Users", ["user_name", "email1", "last_name", "roleid", "status", "user_password", "confirm_password"]);
    if (!input.userName.trim() || !input.lastName.trim() || !input.email.trim()) {
      throw new ConnectorError("validation", "A Vtiger user needs a user name, a last name and an e-mail", {
        fields: ["user_name", "last_name", "email1"],
      });
    }
    if (!input.password) throw new ConnectorError("validation", "A Vtiger user needs a password", { fields: ["user_password"] });

    const existing = await this.findUser(input.userName);
    if (existing) {
      // Made by an earlier attempt whose answer was lost, or linked by hand: bring it in line.
      await this.setUserPassword(existing.externalId, input.password);
      if (existing.active !== input.active) await this.setUserActive(existing.externalId, input.active);
      return { ...existing, active: input.active, created: false };
    }
    const element: Record<string, string> = {
      user_name: input.userName,
      email1: input.email,
      last_name: input.lastName,
      roleid: input.roleId,
      status: input.active ? "Active" : "Inactive",
      user_password: input.password,
      confirm_password: input.password,
    };
    if (input.firstName && this.guard.isFieldEnabled("Users", "first_name")) element.first_name = input.firstName;
    const created = await this.client.create("Users", element);
    return { ...toRemoteUser(created), created: true };
  }

  async setUserActive(externalId: string, active: boolean): Promise<void> {
    this.guard.require("Users", ["status"]);
    await this.client.revise({ id: externalId, status: active ? "Active" : "Inactive" });
  }

  async setUserPassword(externalId: string, password: string): Promise<void> {
    this.guard.require("Users", ["user_password"]);
    if (!password) throw new ConnectorError("validation", "The new password is empty", { fields: ["user_password"] });
    await this.client.changePassword(externalId, password);
  }
}
