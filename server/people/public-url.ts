/**
 * An absolute link into the app for e-mails (invitations, password resets).
 * Reads APP_URL like the approvals' context does: server/config.ts validates
 * it at start-up, but is server-only and cannot be imported by the services' tests.
 */
export function publicUrl(path: string, env: Record<string, string | undefined> = process.env): string {
  return `${(env.APP_URL || "http://localhost:3000").replace(/\/+$/, "")}${path}`;
}
