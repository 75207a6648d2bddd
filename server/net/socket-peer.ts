import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import { safeEqual } from "@/server/security/tokens";

/**
 * App Router handlers never see the socket, and `next start` only fills
 * X-Forwarded-For when a request arrives without one, so a client can choose
 * what that header says. This stamps every incoming request, before Next.js
 * reads it, with the TCP peer address in a header of our own, overwriting
 * anything a client sent under that name. The value carries a random secret
 * made at start-up, so a stamp is believed only when this process wrote it.
 * Installed from instrumentation.ts, which runs in the server process before
 * it handles requests (`next start` and `next dev`).
 */
export const PEER_HEADER = "x-switchboard-peer";

const SECRET = Symbol.for("switchboard.socketPeerSecret");
type Stamped = typeof globalThis & { [SECRET]?: string };

export function installSocketPeerStamp(): void {
  const g = globalThis as Stamped;
  if (g[SECRET]) return;
  const secret = crypto.randomBytes(18).toString("base64url");
  g[SECRET] = secret;
  for (const proto of new Set([http.Server.prototype, https.Server.prototype])) {
    const emit = proto.emit;
    proto.emit = function stampPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = `${secret} ${req.socket?.remoteAddress ?? ""}`;
      }
      return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
    } as typeof proto.emit;
  }
}

/** The peer address this process stamped on a request, or null (no stamp, or not ours). */
export function stampedPeer(value: string | null | undefined): string | null {
  const secret = (globalThis as Stamped)[SECRET];
  const space = value?.indexOf(" ") ?? -1;
  if (!secret || !value || space < 0 || !safeEqual(value.slice(0, space), secret)) return null;
  return value.slice(space + 1) || null;
}

/** Test hook: the header a stamped request from `address` carries (installs the stamp first). */
export function peerHeaderForTests(address: string): Record<string, string> {
  installSocketPeerStamp();
  return { [PEER_HEADER]: `${(globalThis as Stamped)[SECRET]} ${address}` };
}
