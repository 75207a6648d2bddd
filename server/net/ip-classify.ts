import net from "node:net";

export type IpClass = "public" | "private" | "loopback" | "link-local" | "metadata" | "unspecified" | "invalid";

// Addresses that must never be reached by outbound calls we make on a user's
// behalf (SSRF) and that have no meaningful geolocation.
const V4_RANGES: Array<[string, number, IpClass]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "private"], // carrier-grade NAT
  ["127.0.0.0", 8, "loopback"],
  ["169.254.169.254", 32, "metadata"], // cloud instance metadata, before link-local
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "private"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "private"],
  ["224.0.0.0", 4, "private"], // multicast
  ["240.0.0.0", 4, "private"], // reserved, broadcast
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function classifyV4(ip: string): IpClass {
  const value = v4ToInt(ip);
  for (const [base, bits, kind] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if ((value & mask) === (v4ToInt(base) & mask)) return kind;
  }
  return "public";
}

function classifyV6(ip: string): IpClass {
  const lower = ip.toLowerCase();
  const mapped = lower.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped?.[1]) return classifyV4(mapped[1]);
  // The URL parser rewrites ::ffff:127.0.0.1 as ::ffff:7f00:1: the same IPv4 address in hex.
  const hexMapped = lower.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/);
  if (hexMapped?.[1] && hexMapped[2]) {
    const hi = parseInt(hexMapped[1], 16);
    const lo = parseInt(hexMapped[2], 16);
    return classifyV4(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (lower === "::1") return "loopback";
  if (lower === "::") return "unspecified";
  if (/^fe[89ab]/.test(lower)) return "link-local";
  if (/^f[cd]/.test(lower)) return "private"; // unique local fc00::/7
  if (lower.startsWith("fd00:ec2::254")) return "metadata";
  if (/^ff/.test(lower)) return "private"; // multicast
  return "public";
}

/** Classifies an IPv4 or IPv6 address literal (IPv4-mapped IPv6 counts as IPv4). */
export function classifyIp(ip: string): IpClass {
  const clean = ip.trim().replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  const family = net.isIP(clean);
  if (family === 4) return classifyV4(clean);
  if (family === 6) return classifyV6(clean);
  return "invalid";
}

/** True for addresses that have a place on the public internet. */
export function isPublicIp(ip: string): boolean {
  return classifyIp(ip) === "public";
}
