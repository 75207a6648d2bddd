import { z } from "zod";

/** APP_URL: where people reach the console; links in e-mails and redirects start with it. */
export const appUrlEnvSchema = z.object({
  APP_URL: z.string().url().default("http://localhost:3000"),
});

/**
 * The console's public address without a trailing slash (the app reads it
 * through appEnv.appUrl(), server/config-readers.ts).
 */
export function appUrl(env: Record<string, string | undefined>): string {
  return appUrlEnvSchema.parse({ APP_URL: env.APP_URL || undefined }).APP_URL.replace(/\/+$/, "");
}

/** Who the app is to the outside: its signing secret, next-auth's own URL, the contact address. */
export const identityEnvSchema = z.object({
  NEXTAUTH_SECRET: z.string().min(32, { message: "must be at least 32 characters" }),
  /** next-auth's public URL when it differs from APP_URL (rare); https here or in APP_URL makes cookies Secure. */
  NEXTAUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
  SUPPORT_EMAIL: z.string().email().default("support@switchboard.local"),
});

/**
 * NEXTAUTH_SECRET as set (undefined when unset). Validated at start by
 * server/config.ts; tests pass their own `env`.
 */
export function appSecret(env: Record<string, string | undefined>): string | undefined {
  return env.NEXTAUTH_SECRET || undefined;
}

/** Whether the app is served over https (Secure cookies, HSTS): NEXTAUTH_URL's scheme, else APP_URL's. */
export function servedOverHttps(env: Record<string, string | undefined>): boolean {
  return (env.NEXTAUTH_URL || appUrl(env)).startsWith("https://");
}

/** The contact address shown to customers and owners. */
export function supportEmail(env: Record<string, string | undefined>): string {
  return identityEnvSchema.shape.SUPPORT_EMAIL.parse(env.SUPPORT_EMAIL || undefined);
}
