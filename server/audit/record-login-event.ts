import type { Prisma } from "@/server/generated/prisma/client";
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { normalizeIp, UNKNOWN_CLIENT_IP } from "./client-ip";
import { parseUserAgent, type DeviceType } from "./user-agent";

export type LoginEventKindInput = "sign_in" | "magic_link_request" | "sign_out";
export type LoginMethodInput = "password" | "magic_link";
export type LoginFailureReasonInput =
  | "bad_password"
  | "unknown_user"
  | "disabled_user"
  | "expired_link"
  | "invalid_link"
  | "rate_limited"
  | "blocked_address"
  | "other";

/**
 * One thing that happened at the door, as the sign-in path reports it. There
 * is deliberately no field for a password, token or link: nothing else is
 * copied into the row.
 */
export interface LoginEventInput {
  kind: LoginEventKindInput;
  method: LoginMethodInput | null;
  /** What was typed as the login (an e-mail). */
  login: string;
  userId: string | null;
  success: boolean;
  /** Ignored on success; a failure without one is recorded as "other". */
  reason: LoginFailureReasonInput | null;
  ip: string;
  userAgent: string;
  occurredAt?: Date;
}

/** Longest login kept: the longest possible e-mail address. */
export const MAX_LOGIN_LENGTH = 254;

const KIND = { sign_in: "SIGN_IN", magic_link_request: "MAGIC_LINK_REQUEST", sign_out: "SIGN_OUT" } as const;
const METHOD = { password: "PASSWORD", magic_link: "MAGIC_LINK" } as const;
const REASON = {
  bad_password: "BAD_PASSWORD",
  unknown_user: "UNKNOWN_USER",
  disabled_user: "DISABLED_USER",
  expired_link: "EXPIRED_LINK",
  invalid_link: "INVALID_LINK",
  rate_limited: "RATE_LIMITED",
  blocked_address: "BLOCKED_ADDRESS",
  other: "OTHER",
} as const;
const DEVICE: Record<DeviceType, Prisma.LoginEventCreateManyInput["deviceType"]> = {
  desktop: "DESKTOP",
  mobile: "MOBILE",
  tablet: "TABLET",
  bot: "BOT",
  unknown: "UNKNOWN",
};

/** The typed login as stored: one line, lower-case, at most {@link MAX_LOGIN_LENGTH} characters. */
export function normalizeLogin(login: string | null | undefined): string {
  return (login ?? "")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim()
    .toLowerCase()
    .slice(0, MAX_LOGIN_LENGTH);
}

/** The row to insert for an attempt: parsed user agent, canonical IP, pending geolocation. Pure. */
export function buildLoginEventData(input: LoginEventInput): Prisma.LoginEventUncheckedCreateInput {
  const agent = parseUserAgent(input.userAgent);
  return {
    userId: input.userId,
    login: normalizeLogin(input.login),
    kind: KIND[input.kind],
    method: input.method ? METHOD[input.method] : null,
    result: input.success ? "SUCCESS" : "FAILURE",
    failureReason: input.success ? null : REASON[input.reason ?? "other"],
    occurredAt: input.occurredAt ?? new Date(),
    ip: normalizeIp(input.ip) ?? UNKNOWN_CLIENT_IP,
    userAgentRaw: agent.raw,
    browser: agent.browser,
    os: agent.os,
    deviceType: DEVICE[agent.deviceType],
    isBot: agent.isBot,
    geoState: "PENDING",
  };
}

function isForeignKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2003";
}

/**
 * Writes the audit row for one attempt and returns its id, or null when the
 * write failed. Never throws: the sign-in must go on whatever happens here,
 * so a failure is logged instead. A user deleted while signing out still gets
 * a row, without the link to the account.
 */
export async function recordLoginEvent(db: DbOrTx, input: LoginEventInput): Promise<string | null> {
  const data = buildLoginEventData(input);
  try {
    try {
      return (await db.loginEvent.create({ data, select: { id: true } })).id;
    } catch (error) {
      if (!data.userId || !isForeignKeyError(error)) throw error;
      return (await db.loginEvent.create({ data: { ...data, userId: null }, select: { id: true } })).id;
    }
  } catch (error) {
    logger.error("audit.write_failed", { kind: data.kind, result: data.result, error });
    return null;
  }
}
