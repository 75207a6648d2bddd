/**
 * Stores the conflicts reconciliation could not settle (owner rule "manual"):
 * one open conflict per link and field, refreshed when it is seen again, and
 * closed by itself when the two sides come to agree.
 */
import type { DbOrTx } from "@/server/db";
import { Prisma, type SyncLink } from "@/server/generated/prisma/client";
import type { FieldConflict } from "./field-ownership";
import type { CanonicalValues } from "./field-values";
import type { EffectiveMapping } from "./mappings";

const json = (v: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull =>
  v === undefined || v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue);

/** Writes open conflicts for `conflicts`; returns how many are new. */
export async function recordConflicts(
  tx: DbOrTx,
  link: Pick<SyncLink, "id" | "connectionId" | "entity" | "entityId">,
  conflicts: readonly FieldConflict[],
  mappings: readonly EffectiveMapping[],
  versions: { local: CanonicalValues; remote: CanonicalValues },
): Promise<number> {
  let created = 0;
  const open = await tx.syncConflict.findMany({ where: { linkId: link.id, status: "OPEN" }, select: { id: true, field: true } });
  const byField = new Map(open.map((c) => [c.field, c.id]));
  for (const c of conflicts) {
    const data = {
      localValue: json(c.localValue),
      remoteValue: json(c.remoteValue),
      baseValue: json(c.baseValue),
      localVersion: versions.local as Prisma.InputJsonValue,
      remoteVersion: versions.remote as Prisma.InputJsonValue,
    };
    const existing = byField.get(c.field);
    if (existing) {
      await tx.syncConflict.update({ where: { id: existing }, data });
    } else {
      await tx.syncConflict.create({
        data: {
          ...data,
          connectionId: link.connectionId,
          linkId: link.id,
          entity: link.entity,
          entityId: link.entityId,
          field: c.field,
          remoteField: mappings.find((m) => m.localPath === c.field)?.remoteField ?? c.field,
        },
      });
      created += 1;
    }
  }
  // Fields no longer in conflict (both sides now agree, or a person settled them elsewhere).
  const still = new Set(conflicts.map((c) => c.field));
  const settled = open.filter((c) => !still.has(c.field)).map((c) => c.id);
  if (settled.length) {
    await tx.syncConflict.updateMany({
      where: { id: { in: settled } },
      data: { status: "RESOLVED", resolution: "agreed", resolvedAt: new Date() },
    });
  }
  return created;
}
