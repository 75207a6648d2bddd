import ipaddr from "ipaddr.js";

export type IpClass = "public" | "private" | "loopback" | "link-local" | "metadata" | "unspecified" | "invalid";

// Ranges from ipaddr.js (IANA special-purpose registries) mapped onto what
// matters to us: which addresses outbound calls made on a user's behalf must
// never reach (SSRF) and which have no meaningful geolocation.
const RANGE_CLASS: Record<string, IpClass> = {
  unicast: "public",
  loopback: "loopback",
  linkLocal: "link-local",
  unspecified: "unspecified",
};

const METADATA = [ipaddr.parse("169.254.169.254"), ipaddr.parse("fd00:ec2::254")];

// Documentation prefixes (RFC 5737, 3849, 9637) are "reserved" to ipaddr.js but
// belong to no internal network, and tests and examples use them as public
// client addresses: they count as public, as they did before.
const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20"].map((c) => ipaddr.parseCIDR(c));

// IPv6 forms that carry an IPv4 address in their last 32 bits (mapped,
// IPv4-compatible, NAT64 64:ff9b::/96 and SIIT); 6to4 carries it in bits 16–47.
const EMBEDS_V4_LOW = new Set(["ipv4Mapped", "rfc6052", "rfc6145"]);

function v4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The address an IPv6 literal stands for when it wraps an IPv4 one, else itself. */
function unwrap(addr: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (addr.kind() === "ipv4") return addr;
  const v6 = addr as ipaddr.IPv6;
  const p = v6.parts;
  const range = v6.range();
  const compatible = p.slice(0, 6).every((h) => h === 0) && (p[6] ?? 0) !== 0;
  if (EMBEDS_V4_LOW.has(range) || compatible) return v4From(p[6] ?? 0, p[7] ?? 0);
  if (range === "6to4") return v4From(p[1] ?? 0, p[2] ?? 0);
  return v6;
}

/** Parses an address as found in a header, socket or URL host: brackets, zone ids and surrounding space are dropped. */
export function parseIp(candidate: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const clean = (candidate ?? "").trim().replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (!ipaddr.isValid(clean)) return null;
  // ipaddr accepts shorthand such as "10.1" or "0x7f.1"; only the four-part dotted form is an address here.
  if (!clean.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(clean)) return null;
  return ipaddr.parse(clean);
}

/** Classifies an IPv4 or IPv6 address literal; IPv6 forms that embed an IPv4 address count as that address. */
export function classifyIp(ip: string): IpClass {
  const parsed = parseIp(ip);
  if (!parsed) return "invalid";
  const addr = unwrap(parsed);
  if (METADATA.some((m) => m.kind() === addr.kind() && m.toNormalizedString() === addr.toNormalizedString())) return "metadata";
  if (DOCUMENTATION.some(([range, bits]) => range.kind() === addr.kind() && addr.match(range, bits))) return "public";
  return RANGE_CLASS[addr.range()] ?? "private";
}

/** True for addresses that have a place on the public internet. */
export function isPublicIp(ip: string): boolean {
  return classifyIp(ip) === "public";
}

/** A canonical literal: IPv4 dotted, IPv6 compressed lower-case, IPv4-mapped IPv6 as IPv4. */
export function canonicalIp(candidate: string | null | undefined): string | null {
  const parsed = parseIp(candidate);
  if (!parsed) return null;
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}
