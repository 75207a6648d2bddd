import { describe, expect, it } from "vitest";
import { SecretBoxError, crmEncryptionKey, decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  const key = crmEncryptionKey({ CRM_ENCRYPTION_KEY: "k".repeat(40) } as unknown as NodeJS.ProcessEnv);

  it("round-trips, never contains the plain text, and differs every time", () => {
    const a = encryptSecret("access-key-123", "crm-connection", key);
    const b = encryptSecret("access-key-123", "crm-connection", key);
    expect(a).not.toContain("access-key-123");
    expect(a).not.toBe(b);
    expect(decryptSecret(a, "crm-connection", key)).toBe("access-key-123");
  });

  it("refuses another purpose, another key, and tampering", () => {
    const box = encryptSecret("pw", "crm-queue", key);
    expect(() => decryptSecret(box, "crm-connection", key)).toThrow(SecretBoxError);
    const other = crmEncryptionKey({ CRM_ENCRYPTION_KEY: "z".repeat(40) } as unknown as NodeJS.ProcessEnv);
    expect(() => decryptSecret(box, "crm-queue", other)).toThrow(SecretBoxError);
    const parts = box.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "crm-queue", key)).toThrow(SecretBoxError);
  });

  it("requires a key in production and derives one from NEXTAUTH_SECRET elsewhere", () => {
    expect(() => crmEncryptionKey({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(40) } as unknown as NodeJS.ProcessEnv)).toThrow(/required in production/);
    const dev = crmEncryptionKey({ NODE_ENV: "development", NEXTAUTH_SECRET: "x".repeat(40) } as unknown as NodeJS.ProcessEnv);
    expect(dev).toHaveLength(32);
    expect(dev.equals(crmEncryptionKey({ NODE_ENV: "development", NEXTAUTH_SECRET: "y".repeat(40) } as unknown as NodeJS.ProcessEnv))).toBe(false);
  });
});
