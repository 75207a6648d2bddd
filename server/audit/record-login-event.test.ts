import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { buildLoginEventData, MAX_LOGIN_LENGTH, recordLoginEvent } from "./record-login-event";

const base = { kind: "sign_in", method: "password", userId: null, ip: "203.0.113.4", userAgent: "" } as const;

describe("buildLoginEventData", () => {
  it("parses a bot user agent and canonicalises the address", () => {
    const data = buildLoginEventData({ ...base, login: "Bot@Example.TEST", success: false, reason: "unknown_user", ip: "::ffff:198.51.100.7", userAgent: "curl/8.5.0" });
    expect(data).toMatchObject({
      login: "bot@example.test",
      result: "FAILURE",
      failureReason: "UNKNOWN_USER",
      ip: "198.51.100.7",
      userAgentRaw: "curl/8.5.0",
      deviceType: "BOT",
      isBot: true,
      geoState: "PENDING",
    });
  });

  it("keeps no reason on success, records a reasonless failure as OTHER, and bounds the login", () => {
    expect(buildLoginEventData({ ...base, login: "a@b.c", success: true, reason: "bad_password" }).failureReason).toBeNull();
    expect(buildLoginEventData({ ...base, login: "a@b.c", success: false, reason: null }).failureReason).toBe("OTHER");
    const long = buildLoginEventData({ ...base, login: `x\r\ny${"z".repeat(400)}`, success: false, reason: null });
    expect(long.login).toHaveLength(MAX_LOGIN_LENGTH);
    expect(long.login.startsWith("x y")).toBe(true);
    expect(buildLoginEventData({ ...base, login: "", success: false, reason: null, ip: "not an ip" }).ip).toBe("unknown");
  });
});

describe("recordLoginEvent", () => {
  it("keeps the row without the account link when the user no longer exists", async () => {
    const id = await recordLoginEvent(db, { ...base, kind: "sign_out", method: null, login: "gone@example.test", userId: "no-such-user", success: true, reason: null });
    expect(id).not.toBeNull();
    expect(await db.loginEvent.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ userId: null, login: "gone@example.test", kind: "SIGN_OUT" });
  });
});
