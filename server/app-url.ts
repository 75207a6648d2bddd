import { z } from "zod";

/** APP_URL: where people reach the console; links in e-mails and redirects start with it. */
export const appUrlEnvSchema = z.object({
  APP_URL: z.string().url().default("http://localhost:3000"),
});

/**
 * The console's public address without a trailing slash, read without
 * config.ts (server-only) so e-mail and link code in CLI tools can use it too.
 */
export function appUrl(env: Record<string, string | undefined> = process.env): string {
  return appUrlEnvSchema.parse({ APP_URL: env.APP_URL || undefined }).APP_URL.replace(/\/+$/, "");
}
