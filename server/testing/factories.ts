import crypto from "node:crypto";
import type { AppRole } from "@/lib/auth/roles";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import type { SessionUser } from "@/server/auth/session-user";
import { db } from "@/server/db";

const uid = () => crypto.randomBytes(4).toString("hex");

/** A fresh organisation with a unique label (tests only). */
export async function createTestOrganisation(opts: { kind?: "PROVIDER" | "CLIENT"; label?: string; name?: string } = {}) {
  const label = opts.label ?? `ORG${uid().toUpperCase()}`;
  return db.organisation.create({ data: { label, name: opts.name ?? `Org ${label}`, kind: opts.kind ?? "CLIENT" } });
}

/** A user with one membership, shaped as the session would carry it. */
export async function createTestUser(role: AppRole, organisation?: { id: string; label: string; name: string; kind: "PROVIDER" | "CLIENT" }): Promise<SessionUser> {
  const org =
    organisation ?? (await createTestOrganisation({ kind: role === "PROVIDER_ADMIN" || role === "AGENT" ? "PROVIDER" : "CLIENT" }));
  const email = `${role.toLowerCase()}-${uid()}@example.test`;
  const user = await db.user.create({
    data: { email, name: `Test ${role}`, memberships: { create: { organisationId: org.id, role } } },
  });
  return {
    id: user.id,
    email,
    name: user.name,
    role,
    organisationId: org.id,
    organisationLabel: org.label,
    organisationName: org.name,
    organisationKind: org.kind,
  };
}

/** A tRPC caller acting as `user` (or anonymous). */
export function callerFor(user: SessionUser | null) {
  return createCaller(createTRPCContext({ headers: new Headers(), user }));
}
