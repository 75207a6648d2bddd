/**
 * Test fake: an OpenAI-style chat-completions server on 127.0.0.1. It speaks the
 * same wire format as `POST /v1/chat/completions` so the product's real client
 * can be exercised offline. Never imported by product code.
 *
 * Control routes for browser tests (not part of the OpenAI API):
 *   POST /__fake/mode      {"mode": "ok" | "error" | "slow" | "garbage"}
 *   GET  /__fake/requests  the requests received so far
 *   POST /__fake/reset     forget recorded requests
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type FakeOpenAIMode = "ok" | "error" | "slow" | "garbage";
export const FAKE_OPENAI_MODES: readonly FakeOpenAIMode[] = ["ok", "error", "slow", "garbage"];

export interface FakeOpenAIRequest {
  method: string;
  path: string;
  /** The raw Authorization header, e.g. `Bearer sk-test`. */
  authorization: string | undefined;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface FakeOpenAIOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  mode?: FakeOpenAIMode;
  /** Overrides the assistant text in "ok" mode. */
  reply?: string | ((body: ChatRequestBody) => string);
}

export interface FakeOpenAIServer {
  /** Base URL ending in `/v1`, ready for the client's `baseUrl`. */
  url: string;
  port: number;
  /** Every chat-completions request received, in order (live array). */
  requests: FakeOpenAIRequest[];
  setMode(mode: FakeOpenAIMode): void;
  close(): Promise<void>;
}

export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role?: string; content?: unknown }>;
}

/** The deterministic five-bullet summary answered in "ok" mode. */
export function fakeSummaryFor(body: ChatRequestBody): string {
  const subject = findSubject(body) ?? "the request";
  return [
    `• The ask: the client wants "${subject}" done.`,
    "• If approved: the team can start the work and the client gets the change.",
    "• If not approved: none material; the current behaviour stays as it is.",
    "• Cost / effort: not stated.",
    "• Open questions: is now the right time for this work?",
  ].join("\n");
}

// Reads "Subject: …" from the last user message (the prompt's header line).
function findSubject(body: ChatRequestBody): string | undefined {
  const users = (body.messages ?? []).filter((m) => m.role === "user" && typeof m.content === "string");
  const text = users.at(-1)?.content as string | undefined;
  return text?.match(/^Subject: (.+)$/m)?.[1]?.trim();
}

/** Starts the fake on 127.0.0.1 and resolves once it is listening. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  let mode: FakeOpenAIMode = options.mode ?? "ok";
  const requests: FakeOpenAIRequest[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<http.ServerResponse>();
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      handle(req.method ?? "GET", path, req.headers.authorization, text, res);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  function handle(method: string, path: string, authorization: string | undefined, text: string, res: http.ServerResponse) {
    if (path === "/__fake/mode" && method === "POST") {
      const next = (parseJson(text) as { mode?: unknown } | undefined)?.mode;
      if (!FAKE_OPENAI_MODES.includes(next as FakeOpenAIMode)) return sendJson(res, 400, { error: "unknown mode" });
      mode = next as FakeOpenAIMode;
      return sendJson(res, 200, { mode });
    }
    if (path === "/__fake/requests" && method === "GET") return sendJson(res, 200, { requests });
    if (path === "/__fake/reset" && method === "POST") {
      requests.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (path !== "/v1/chat/completions" || method !== "POST") {
      return sendJson(res, 404, openAIError(`Unknown request URL: ${method} ${path}`, "invalid_request_error", "unknown_url"));
    }

    const body = parseJson(text);
    requests.push({ method, path, authorization, body: body ?? text });
    if (!authorization?.startsWith("Bearer ") || authorization.length <= "Bearer ".length) {
      return sendJson(res, 401, openAIError("You didn't provide an API key.", "invalid_request_error", "missing_api_key"));
    }
    const chat = body as ChatRequestBody | undefined;
    if (!chat || !Array.isArray(chat.messages)) {
      return sendJson(res, 400, openAIError("'messages' is a required property", "invalid_request_error", null));
    }

    switch (mode) {
      case "error":
        return sendJson(res, 500, openAIError("The server had an error while processing your request.", "server_error", null));
      case "garbage":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end('{"id": "chatcmpl-broken", "choices": [ {"message": ');
      case "slow":
        // Headers go out, the body never does: the client must time out on its own.
        res.writeHead(200, { "content-type": "application/json" });
        res.flushHeaders();
        held.add(res);
        res.on("close", () => held.delete(res));
        return;
      case "ok": {
        counter += 1;
        const content = typeof options.reply === "function" ? options.reply(chat) : (options.reply ?? fakeSummaryFor(chat));
        const promptChars = chat.messages.reduce((n, m) => n + (typeof m.content === "string" ? m.content.length : 0), 0);
        const promptTokens = Math.ceil(promptChars / 4);
        const completionTokens = Math.ceil(content.length / 4);
        return sendJson(res, 200, {
          id: `chatcmpl-fake-${counter}`,
          object: "chat.completion",
          created: 1_700_000_000 + counter,
          model: chat.model ?? "fake-model",
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
        });
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setMode(next) {
      mode = next;
    },
    async close() {
      for (const res of held) res.destroy();
      held.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

function openAIError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
