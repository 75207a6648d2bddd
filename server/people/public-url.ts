import { appEnv } from "@/server/config-readers";

/** An absolute link into the app for e-mails (invitations, password resets), from APP_URL (server/app-url.ts). */
export function publicUrl(path: string, base: string = appEnv.appUrl()): string {
  return `${base}${path}`;
}
