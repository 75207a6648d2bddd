/**
 * Structured JSON logs, one line per event. Never pass passwords, tokens or
 * keys in `fields`: keys that look secret are masked as a last line of defence.
 */
import { z } from "zod";
import { cachedEnvReader } from "./config-env";
import { maskTokens } from "./security/mask-tokens";

/** LOG_LEVEL; spread into `envSchema` in server/config.ts, which refuses a bad value at start. */
export const logEnvSchema = z.object({ LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info") });

type Level = z.infer<typeof logEnvSchema>["LOG_LEVEL"];
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie/i;

// Re-read when LOG_LEVEL changes so tests and tools can change it; an unreadable value logs at info rather than not at all.
const threshold = cachedEnvReader((env) => {
  const parsed = logEnvSchema.safeParse({ LOG_LEVEL: env.LOG_LEVEL || undefined });
  return ORDER[parsed.success ? parsed.data.LOG_LEVEL : "info"];
});

function mask(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEY.test(k)) out[k] = "[redacted]";
    else if (v instanceof Error) out[k] = { name: v.name, message: maskTokens(v.message) };
    else if (typeof v === "string") out[k] = maskTokens(v);
    else out[k] = v;
  }
  return out;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: maskTokens(msg), ...mask(fields) });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
