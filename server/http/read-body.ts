/**
 * Request bodies read up to a cap. An unauthenticated sender must not make us
 * buffer 100 MB before any check: a declared Content-Length over the cap is
 * refused before a byte is read, and a body without one (chunked) is read
 * only until it passes the cap, then the stream is cancelled.
 */
import { payloadTooLarge } from "@/server/errors/request-error";

/** Caps per kind of route; each route picks the one that fits what it accepts. */
export const BODY_LIMITS = {
  /** JSON APIs and webhooks: customers, usage batches, CRM and Stripe events. */
  json: 1024 * 1024,
  /** Console and inbox calls (tRPC), which carry reply attachments as base64. */
  trpc: 36 * 1024 * 1024,
} as const;

/** The body's bytes, or a RequestError 413 once it is longer than `maxBytes`. */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The body as UTF-8 text (bad sequences become U+FFFD), capped like `readBodyBytes`. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, maxBytes));
}

/**
 * The same request with its body already read under the cap, for handlers
 * that read the body themselves (tRPC's fetch adapter).
 */
export async function withCappedBody(request: Request, maxBytes: number): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBodyBytes(request, maxBytes);
  return new Request(request, { body: body as BodyInit, duplex: "half" } as RequestInit);
}
