/** Roles as stored in the database (mirrors the Prisma enum; safe for client code). */
export const ROLES = ["PROVIDER_ADMIN", "AGENT", "CLIENT_ADMIN", "CLIENT_USER"] as const;
export type AppRole = (typeof ROLES)[number];

export const ROLE_LABELS: Record<AppRole, string> = {
  PROVIDER_ADMIN: "Provider admin",
  AGENT: "Support agent",
  CLIENT_ADMIN: "Client admin",
  CLIENT_USER: "Client user",
};

/** Provider staff use the console; client staff use the My Tickets inbox. */
export function isProviderRole(role: AppRole): boolean {
  return role === "PROVIDER_ADMIN" || role === "AGENT";
}

export function isClientRole(role: AppRole): boolean {
  return role === "CLIENT_ADMIN" || role === "CLIENT_USER";
}

/** Where a signed-in user lands. */
export function homePathFor(role: AppRole): string {
  return isProviderRole(role) ? "/dashboard" : "/my-tickets";
}
