/**
 * A minimal client for OpenAI-compatible chat-completions endpoints
 * (`POST {baseUrl}/chat/completions`). It never throws and never logs: every
 * outcome comes back as a value, so callers can degrade gracefully (an empty
 * AI summary with a note) instead of failing a whole request. Neither the key
 * nor the prompt ever appears in a returned message.
 */
import { outboundFetch } from "@/server/net/guarded-fetch";

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatCompletionRequest {
  /** Base URL of the API including its version segment, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Bearer key; blank or missing means AI is off and nothing is sent. */
  apiKey: string | null | undefined;
  model: string;
  messages: readonly ChatMessage[];
  /** Covers the whole exchange: connect, response headers and body. */
  timeoutMs: number;
  maxTokens?: number;
  temperature?: number;
  /** Injected for tests or custom agents; defaults to the global `fetch`. */
  fetchImpl?: typeof fetch;
  /** Lets a caller cancel (e.g. an overall deadline); reported as a timeout. */
  signal?: AbortSignal;
}

export interface ChatCompletionUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type ChatCompletionFailureReason = "no_key" | "timeout" | "http_error" | "bad_response" | "network";

export type ChatCompletionResult =
  | { ok: true; text: string; model: string; usage?: ChatCompletionUsage }
  | { ok: false; reason: ChatCompletionFailureReason; message: string; status?: number };

type Failure = Extract<ChatCompletionResult, { ok: false }>;

const fail = (reason: ChatCompletionFailureReason, message: string, status?: number): Failure =>
  status === undefined ? { ok: false, reason, message } : { ok: false, reason, message, status };

/** Joins the base URL and the endpoint path, tolerating a trailing slash. */
export function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.trim().replace(/\/+$/, "")}/chat/completions`;
}

/**
 * Sends one chat-completion request and returns the assistant's text, or a
 * typed failure. With no key it returns `no_key` without any network traffic.
 */
export async function createChatCompletion(req: ChatCompletionRequest): Promise<ChatCompletionResult> {
  const apiKey = req.apiKey?.trim();
  if (!apiKey) return fail("no_key", "No API key is configured for the AI service");

  const controller = new AbortController();
  let timedOut = false;
  let cancelled = false;
  const onCallerAbort = () => {
    cancelled = true;
    controller.abort();
  };
  if (req.signal?.aborted) return fail("timeout", "The AI request was cancelled before it started");
  req.signal?.addEventListener("abort", onCallerAbort, { once: true });

  // The race guarantees we return on time even if a custom fetch ignores the signal.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Failure>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      resolve(fail("timeout", `The AI service did not answer within ${req.timeoutMs} ms`));
    }, Math.max(0, req.timeoutMs));
  });
  const cancelledResult = new Promise<Failure>((resolve) => {
    controller.signal.addEventListener("abort", () => {
      if (cancelled && !timedOut) resolve(fail("timeout", "The AI request was cancelled"));
    });
  });

  try {
    return await Promise.race([exchange(req, apiKey, controller.signal, () => timedOut || cancelled), deadline, cancelledResult]);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", onCallerAbort);
  }
}

async function exchange(
  req: ChatCompletionRequest,
  apiKey: string,
  signal: AbortSignal,
  aborted: () => boolean,
): Promise<ChatCompletionResult> {
  const fetchImpl = req.fetchImpl ?? outboundFetch("ai");
  const body: Record<string, unknown> = { model: req.model, messages: req.messages };
  if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;

  let response: Response;
  try {
    response = await fetchImpl(chatCompletionsUrl(req.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (aborted()) return fail("timeout", "The AI service did not answer in time");
    return fail("network", `Could not reach the AI service (${describeNetworkError(error)})`);
  }

  let raw: string;
  try {
    raw = await response.text();
  } catch {
    if (aborted()) return fail("timeout", "The AI service did not finish its answer in time");
    return fail("network", "The connection to the AI service broke while reading the answer");
  }

  if (!response.ok) {
    const code = errorCode(raw);
    return fail("http_error", `The AI service answered HTTP ${response.status}${code ? ` (${code})` : ""}`, response.status);
  }
  return parseCompletion(raw, req.model);
}

/** Turns a successful response body into a result; anything unexpected is `bad_response`. */
export function parseCompletion(raw: string, requestedModel: string): ChatCompletionResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail("bad_response", "The AI service sent a body that is not JSON");
  }
  if (!isRecord(json) || !Array.isArray(json.choices) || json.choices.length === 0) {
    return fail("bad_response", "The AI service sent no choices");
  }
  const first: unknown = json.choices[0];
  const message = isRecord(first) && isRecord(first.message) ? first.message : undefined;
  const text = message ? contentText(message.content) : undefined;
  if (text === undefined) return fail("bad_response", "The AI service's answer has no text content");
  if (text.trim() === "") return fail("bad_response", "The AI service's answer was empty");

  const model = typeof json.model === "string" && json.model ? json.model : requestedModel;
  const usage = parseUsage(json.usage);
  return usage ? { ok: true, text, model, usage } : { ok: true, text, model };
}

// Some compatible servers return content as an array of typed parts.
function contentText(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content
    .map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : undefined))
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join("") : undefined;
}

function parseUsage(usage: unknown): ChatCompletionUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const { prompt_tokens, completion_tokens, total_tokens } = usage;
  if (typeof prompt_tokens !== "number" || typeof completion_tokens !== "number") return undefined;
  return {
    promptTokens: prompt_tokens,
    completionTokens: completion_tokens,
    totalTokens: typeof total_tokens === "number" ? total_tokens : prompt_tokens + completion_tokens,
  };
}

// Only the machine-readable code is kept: provider error messages can echo part of the key.
function errorCode(raw: string): string | undefined {
  try {
    const json: unknown = JSON.parse(raw);
    const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
    const code = error?.code ?? error?.type;
    return typeof code === "string" && /^[\w.-]{1,64}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = isRecord(error) && isRecord(error.cause) ? error.cause : undefined;
  const code = cause && typeof cause.code === "string" ? cause.code : undefined;
  if (code) return code;
  return error instanceof Error ? error.name : "unknown error";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
