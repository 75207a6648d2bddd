/**
 * The AI service's environment variables (an OpenAI-compatible
 * chat-completions endpoint). Spread into `envSchema` in server/config.ts so
 * start-up validates them and the README lists them; the app reads them
 * through appEnv.ai() (server/config-readers.ts). Domain functions take the
 * parsed values as parameters.
 */
import { z } from "zod";

export const DEFAULT_AI_BASE_URL = "https://api.openai.com/v1";
export const DEFAULT_AI_MODEL = "gpt-4o-mini";
export const DEFAULT_AI_TIMEOUT_MS = 15_000;

// An empty variable (common in .env files) means "use the default".
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const aiEnvSchema = z.object({
  /** Base URL including the version segment; `/chat/completions` is appended. */
  AI_BASE_URL: z.preprocess(
    unsetIfEmpty,
    z.string().url({ message: "must be a URL such as https://api.openai.com/v1" }).default(DEFAULT_AI_BASE_URL),
  ),
  /** Bearer key; unset turns AI summaries off and no ticket content leaves the server. */
  AI_API_KEY: z.preprocess(unsetIfEmpty, z.string().optional()),
  AI_MODEL: z.preprocess(unsetIfEmpty, z.string().min(1).default(DEFAULT_AI_MODEL)),
  /** Budget for one chat-completion call, body included. */
  AI_TIMEOUT_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(100).max(120_000).default(DEFAULT_AI_TIMEOUT_MS)),
});

export interface AiConfig {
  baseUrl: string;
  /** Null when no key is configured (AI off). */
  apiKey: string | null;
  model: string;
  timeoutMs: number;
}

/** The AI settings from `env`, with defaults; throws naming a bad variable. */
export function readAiConfig(env: Record<string, string | undefined>): AiConfig {
  const parsed = aiEnvSchema.parse({
    AI_BASE_URL: env.AI_BASE_URL,
    AI_API_KEY: env.AI_API_KEY,
    AI_MODEL: env.AI_MODEL,
    AI_TIMEOUT_MS: env.AI_TIMEOUT_MS,
  });
  return {
    baseUrl: parsed.AI_BASE_URL,
    apiKey: parsed.AI_API_KEY?.trim() || null,
    model: parsed.AI_MODEL,
    timeoutMs: parsed.AI_TIMEOUT_MS,
  };
}
