import type { Adapter, AdapterSession, AdapterUser, VerificationToken } from "next-auth/adapters";
import type { Db } from "@/server/db";
import { hashToken } from "@/server/security/tokens";
import type { SessionUser } from "./session-user";

export type SwitchboardAdapterUser = AdapterUser & Omit<SessionUser, "email" | "name">;

interface AdapterHooks {
  /** Called when a magic link could not be used (unknown, already used or expired). */
  onBadVerificationToken?: (info: { identifier: string | null; expired: boolean }) => Promise<void>;
  /** Takes over storing a new magic-link token (the link request stores it after its checks, in the background). */
  deferVerificationToken?: (token: VerificationToken) => void;
}

type UserWithMembership = NonNullable<Awaited<ReturnType<typeof loadUser>>>;

/**
 * The user and their first membership in a live (not archived) organisation,
 * read with the same three parallel queries whether or not the user exists,
 * so a sign-in-link request for a known address takes as long as one for an
 * unknown address (a Prisma include would add round trips only when found).
 */
async function loadUser(db: Db, where: { id: string } | { email: string }) {
  const live = { archivedAt: null };
  const [user, memberships, organisations] = await Promise.all([
    db.user.findUnique({ where }),
    db.membership.findMany({ where: { user: where, organisation: live }, orderBy: { createdAt: "asc" }, take: 1 }),
    db.organisation.findMany({ where: { ...live, memberships: { some: { user: where } } } }),
  ]);
  if (!user) return null;
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const first = memberships.flatMap((m) => {
    const organisation = byId.get(m.organisationId);
    return organisation ? [{ ...m, organisation }] : [];
  });
  return { ...user, memberships: first };
}

/** Shapes a user row for next-auth; users without a live membership, disabled or deleted cannot hold a session. */
function toAdapterUser(user: UserWithMembership | null): SwitchboardAdapterUser | null {
  const membership = user?.memberships[0];
  if (!user || !membership || user.disabledAt || user.deletedAt) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    role: membership.role,
    organisationId: membership.organisationId,
    organisationLabel: membership.organisation.label,
    organisationName: membership.organisation.name,
    organisationKind: membership.organisation.kind,
  };
}

/**
 * next-auth adapter over our schema. Sessions are stored by the SHA-256 of
 * their cookie value, and nobody signs up by e-mail: people join by invitation (server/people/).
 */
export function createAuthAdapter(db: Db, hooks: AdapterHooks = {}): Adapter {
  return {
    async createUser() {
      throw new Error("Accounts are created by accepting an invitation");
    },
    async getUser(id) {
      return toAdapterUser(await loadUser(db, { id }));
    },
    async getUserByEmail(email) {
      return toAdapterUser(await loadUser(db, { email: email.toLowerCase() }));
    },
    async getUserByAccount() {
      return null;
    },
    async updateUser(data) {
      await db.user.update({
        where: { id: data.id },
        data: { emailVerified: data.emailVerified ?? undefined, name: data.name ?? undefined },
      });
      const shaped = toAdapterUser(await loadUser(db, { id: data.id }));
      if (!shaped) throw new Error("User cannot sign in");
      return shaped;
    },
    async linkAccount() {
      return undefined;
    },
    async createSession({ sessionToken, userId, expires }): Promise<AdapterSession> {
      await db.session.create({ data: { tokenHash: hashToken(sessionToken), userId, expires } });
      return { sessionToken, userId, expires };
    },
    async getSessionAndUser(sessionToken) {
      const session = await db.session.findUnique({ where: { tokenHash: hashToken(sessionToken) } });
      if (!session) return null;
      const user = toAdapterUser(await loadUser(db, { id: session.userId }));
      if (!user) return null;
      return { session: { sessionToken, userId: session.userId, expires: session.expires }, user };
    },
    async updateSession({ sessionToken, expires }) {
      const session = await db.session.update({
        where: { tokenHash: hashToken(sessionToken) },
        data: { expires: expires ?? undefined },
      });
      return { sessionToken, userId: session.userId, expires: session.expires };
    },
    async deleteSession(sessionToken) {
      // Returned so next-auth's signOut event knows whose session ended (the login audit records it).
      const tokenHash = hashToken(sessionToken);
      const session = await db.session.findUnique({ where: { tokenHash } });
      await db.session.deleteMany({ where: { tokenHash } });
      return session ? { sessionToken, userId: session.userId, expires: session.expires } : null;
    },
    async createVerificationToken(token) {
      if (hooks.deferVerificationToken) {
        hooks.deferVerificationToken(token);
        return token;
      }
      // Link requests for unknown or disabled addresses get no mail (see sendVerificationRequest),
      // so their token is not stored either: nobody can use it and the table cannot be flooded.
      if (!toAdapterUser(await loadUser(db, { email: token.identifier.toLowerCase() }))) return token;
      await db.verificationToken.create({ data: token });
      return token;
    },
    async useVerificationToken({ identifier, token }) {
      // Delete-and-return in one statement: a link can be used exactly once.
      const rows = await db.$queryRaw<{ identifier: string; token: string; expires: Date }[]>`
        DELETE FROM "VerificationToken" WHERE identifier = ${identifier} AND token = ${token}
        RETURNING identifier, token, expires`;
      const row = rows[0] ?? null;
      if (!row) await hooks.onBadVerificationToken?.({ identifier, expired: false });
      else if (row.expires.getTime() < Date.now()) await hooks.onBadVerificationToken?.({ identifier, expired: true });
      return row;
    },
  };
}
