import net from "node:net";
import { BLOCK_DURATIONS, type BlockAddressInput } from "@/lib/validators/people";
import type { DbOrTx } from "@/server/db";
import { normalizeIp } from "@/server/audit/client-ip";
import { recordAccountAction } from "./account-actions";
import { badInput, notFound } from "./errors";

/** Parses "203.0.113.7", "203.0.113.0/24" or "2001:db8::/48" into a canonical CIDR; null when it is neither. */
export function parseCidr(input: string): { cidr: string; address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [rawAddress = "", rawPrefix, extra] = input.trim().split("/");
  if (extra !== undefined) return null;
  const address = normalizeIp(rawAddress);
  const version = address ? net.isIP(address) : 0;
  if (!address || !version) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  const max = version === 4 ? 32 : 128;
  const prefix = rawPrefix === undefined ? max : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  // Refuse "block the whole Internet" by accident: anything wider than a /8 (IPv4) or /16 (IPv6).
  if (prefix < (version === 4 ? 8 : 16)) return null;
  return { cidr: `${address}/${prefix}`, address, prefix, family };
}

/**
 * Is this client address on the block list right now? Called first on every
 * sign-in path (password, e-mail link request and use, invitation acceptance,
 * password reset). The list is small (admins add entries by hand), so it is
 * read whole and matched with Node's BlockList.
 */
export async function isAddressBlocked(db: DbOrTx, ip: string, now = new Date()): Promise<boolean> {
  const address = normalizeIp(ip);
  if (!address) return false;
  const blocks = await db.addressBlock.findMany({ where: { removedAt: null, expiresAt: { gt: now } }, select: { cidr: true } });
  if (blocks.length === 0) return false;
  const list = new net.BlockList();
  for (const block of blocks) {
    const parsed = parseCidr(block.cidr);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list.check(address, net.isIP(address) === 4 ? "ipv4" : "ipv6");
}

/** Adds a block (audited); the same range blocked twice extends the existing entry instead of adding another. */
export async function blockAddress(db: DbOrTx, actorId: string, input: BlockAddressInput, now = new Date()) {
  const parsed = parseCidr(input.address);
  if (!parsed) throw badInput("address", "enter one IP address or a range like 203.0.113.0/24 (no wider than /8, or /16 for IPv6)");
  const expiresAt = new Date(now.getTime() + BLOCK_DURATIONS[input.duration] * 60_000);
  const existing = await db.addressBlock.findFirst({ where: { cidr: parsed.cidr, removedAt: null, expiresAt: { gt: now } } });
  const block = existing
    ? await db.addressBlock.update({ where: { id: existing.id }, data: { expiresAt, reason: input.reason ?? existing.reason } })
    : await db.addressBlock.create({ data: { cidr: parsed.cidr, expiresAt, reason: input.reason, createdById: actorId } });
  await recordAccountAction(db, { action: "address.blocked", actorId, detail: { cidr: parsed.cidr, expiresAt: expiresAt.toISOString(), reason: input.reason } });
  return block;
}

/** Lifts a block early (audited). */
export async function removeAddressBlock(db: DbOrTx, actorId: string, id: string, now = new Date()) {
  const block = await db.addressBlock.findFirst({ where: { id, removedAt: null } });
  if (!block) throw notFound("Block");
  await db.addressBlock.update({ where: { id }, data: { removedAt: now, removedById: actorId } });
  await recordAccountAction(db, { action: "address.unblocked", actorId, detail: { cidr: block.cidr } });
}

/** Blocks in force, soonest to expire first. */
export function listActiveAddressBlocks(db: DbOrTx, now = new Date()) {
  return db.addressBlock.findMany({ where: { removedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "asc" } });
}
