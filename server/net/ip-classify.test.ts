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
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["2002:a00:1::", "private"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "private"], // Teredo hides its IPv4 address
    ["100.64.0.1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["10.1", "invalid"], // shorthand that inet_aton would read as 10.0.0.1
    ["0x7f.0.0.1", "invalid"],
  ])("%s is %s", (ip, kind) => {
    expect(classifyIp(ip)).toBe(kind);
  });

  it("only public addresses are public", () => {
    expect(isPublicIp("1.1.1.1")).toBe(true);
    expect(isPublicIp("10.0.0.1")).toBe(false);
  });
});
