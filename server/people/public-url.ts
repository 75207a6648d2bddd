import { appUrl } from "@/server/app-url";

/** An absolute link into the app for e-mails (invitations, password resets), from APP_URL (server/app-url.ts). */
export function publicUrl(path: string, env: Record<string, string | undefined> = process.env): string {
  return `${appUrl(env)}${path}`;
}
