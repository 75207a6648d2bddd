import { describe, expect, it } from "vitest";
import { classifyIp, isPublicIp } from "./ip-classify";

describe("classifyIp", () => {
  it.each([
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["127.0.0.1", "loopback"],
    ["169.254.169.254", "metadata"],
    ["169.254.10.1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["8.8.8.8", "public"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a00:1", "private"],
    ["::ffff:808:808", "public"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "private"],
    ["2001:4860:4860::8888", "public"],
    ["not-an-ip", "invalid"],
    ["[::1]", "loopback"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyIp(ip)).toBe(kind);
  });

  it("only public addresses are public", () => {
    expect(isPublicIp("1.1.1.1")).toBe(true);
    expect(isPublicIp("10.0.0.1")).toBe(false);
  });
});
