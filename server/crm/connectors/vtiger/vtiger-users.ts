/**
 * Staff accounts in Vtiger's Users module: list by role, link an existing
 * user by user name or e-mail, mirror the active status where Vtiger allows
 * it, and set passwords through changePassword. Vtiger 8.4's webservice
 * cannot create users (every roleid form is refused, recorded 72–79) and an
 * Inactive user vanishes from it (83–86), so those two steps end in a plain
 * explanation of what the admin does in Vtiger instead of a retry loop.
 * Passwords are only ever sent to Vtiger; they are not logged or returned.
 */
import { ConnectorError, type CreateUserInput, type RemoteUser, type UserProvisioning } from "../../connector";
import type { VtigerClient, VtigerRecord } from "./vtiger-client";
import type { ModuleGuard } from "./vtiger-module-guard";
import { vtqlString } from "./vtql";

const USER_COLUMNS = "user_name, first_name, last_name, email1, status, roleid";

/** What the admin must do where Vtiger's webservice cannot create the user. */
export const USER_CREATE_EXPLANATION = (userName: string, email: string) =>
  `Vtiger's webservice cannot create users (it refuses every role), and no active Vtiger user has the user name ` +
  `"${userName}" or the e-mail ${email}. A Vtiger admin creates the user under Settings > User Management > Users ` +
  "(with that user name or e-mail and the role you chose); then link it here.";

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
    // roleid is a reference field: `WHERE roleid = 'H5'` is INVALID_ID_ATTRIBUTE (recorded 45), yet it reads
    // back as the plain role id (71), so the role is filtered here. Inactive users are never listed (83).
    const where = filter.activeOnly ? ` WHERE status = 'Active'` : "";
    const rows = await this.client.queryAll(`SELECT ${USER_COLUMNS} FROM Users${where} ORDER BY user_name`);
    return rows.map(toRemoteUser).filter((u) => !filter.roleId || u.roleId === filter.roleId);
  }

  /** An active user by user name or, failing that, by e-mail; null when Vtiger shows none (inactive users are invisible). */
  async findUser(userNameOrEmail: string): Promise<RemoteUser | null> {
    const value = vtqlString(userNameOrEmail.trim());
    const byName = await this.client.query(`SELECT ${USER_COLUMNS} FROM Users WHERE user_name = ${value} LIMIT 1`);
    if (byName[0]) return toRemoteUser(byName[0]);
    const byEmail = await this.client.query(`SELECT ${USER_COLUMNS} FROM Users WHERE email1 = ${value} LIMIT 2`);
    // Two users sharing an e-mail: linking either would be a guess.
    return byEmail.length === 1 ? toRemoteUser(byEmail[0]!) : null;
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
    const byEmail = await this.findUser(input.email);
    if (byEmail) return { ...byEmail, created: false };
    throw new ConnectorError("config", USER_CREATE_EXPLANATION(input.userName, input.email), { fields: ["user_name"] });
  }

  async setUserActive(externalId: string, active: boolean): Promise<void> {
    this.guard.require("Users", ["status"]);
    try {
      await this.client.revise({ id: externalId, status: active ? "Active" : "Inactive" });
    } catch (e) {
      if (active && e instanceof ConnectorError && e.kind === "not_found") {
        throw new ConnectorError(
          "config",
          "Vtiger hides Inactive users from its webservice, so this user cannot be re-activated from here. " +
            "A Vtiger admin sets the user's Status back to Active under Settings > User Management > Users; the link then works again.",
          { remoteCode: e.remoteCode, operation: "revise" },
        );
      }
      throw e;
    }
  }

  async setUserPassword(externalId: string, password: string): Promise<void> {
    this.guard.require("Users", ["user_password"]);
    if (!password) throw new ConnectorError("validation", "The new password is empty", { fields: ["user_password"] });
    await this.client.changePassword(externalId, password);
  }
}
