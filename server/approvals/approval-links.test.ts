import { describe, expect, it } from "vitest";
import { hashToken } from "@/server/security/tokens";
import {
  approvalFormToken,
  approvalLinkKeys,
  approvalUrl,
  deriveApprovalToken,
  isWellFormedApprovalToken,
  issueApprovalLink,
  parseApprovalDecision,
  verifyApprovalFormToken,
} from "./approval-links";

const keys = approvalLinkKeys("a-server-secret-of-enough-length");

describe("approval links", () => {
  it("issues long random tokens and keeps only their hash", () => {
    const a = issueApprovalLink(keys);
    const b = issueApprovalLink(keys);
    expect(a.token).not.toBe(b.token);
    expect(a.token).toHaveLength(43);
    expect(isWellFormedApprovalToken(a.token)).toBe(true);
    expect(a.tokenHash).toBe(hashToken(a.token));
    expect(a.tokenHash).not.toContain(a.token);
    expect(a.salt).not.toBe(a.token);
  });

  it("rebuilds the same token from the stored salt (reminders repeat the links), and only with the same secret", () => {
    const link = issueApprovalLink(keys);
    expect(deriveApprovalToken(keys, link.salt)).toBe(link.token);
    const otherKeys = approvalLinkKeys("another-server-secret-entirely!!");
    expect(deriveApprovalToken(otherKeys, link.salt)).not.toBe(link.token);
  });

  it("recognises malformed tokens and decisions", () => {
    expect(isWellFormedApprovalToken("short")).toBe(false);
    expect(isWellFormedApprovalToken("x".repeat(42) + "!")).toBe(false);
    expect(isWellFormedApprovalToken("../../etc/passwd")).toBe(false);
    expect(parseApprovalDecision("approve")).toBe("approve");
    expect(parseApprovalDecision("reject")).toBe("reject");
    expect(parseApprovalDecision("APPROVE")).toBeNull();
    expect(parseApprovalDecision("delete")).toBeNull();
  });

  it("builds the public URL", () => {
    expect(approvalUrl("https://ops.example/", "tok", "reject")).toBe("https://ops.example/approve/tok/reject");
  });

  it("binds the anti-forgery value to the link and the decision", () => {
    const link = issueApprovalLink(keys);
    const value = approvalFormToken(keys, link.tokenHash, "approve");
    expect(verifyApprovalFormToken(keys, link.tokenHash, "approve", value)).toBe(true);
    expect(verifyApprovalFormToken(keys, link.tokenHash, "reject", value)).toBe(false);
    expect(verifyApprovalFormToken(keys, issueApprovalLink(keys).tokenHash, "approve", value)).toBe(false);
    expect(verifyApprovalFormToken(keys, link.tokenHash, "approve", "")).toBe(false);
    expect(verifyApprovalFormToken(keys, link.tokenHash, "approve", null)).toBe(false);
  });

  it("refuses a short secret", () => {
    expect(() => approvalLinkKeys("short")).toThrow(/16 characters/);
  });
});
