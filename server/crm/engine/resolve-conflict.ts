/**
 * A person settles one conflicting field: keep Switchboard's value, take the
 * CRM's, or type a merged value. The choice is written through the normal
 * machinery: the local record is updated where needed, and the link's base
 * is set so that the next push sends exactly the chosen value to the CRM.
 */
import type { Db } from "@/server/db";
import { ConnectorError } from "../connector";
import { entityAdapter } from "../entities/entity-adapter";
import { CrmError, crmNotFound } from "../errors";
import { enqueueRecordChange, insertQueueItem } from "./enqueue";
import { resolveConflict, type ConflictChoice } from "./field-ownership";
import type { Canonical } from "./field-values";
import { parseBase, parseStamps, stampsJson } from "./link-state";

export async function resolveSyncConflict(
  db: Db,
  input: { conflictId: string; choice: ConflictChoice; mergedValue?: string; userId: string },
): Promise<{ wake: string[] }> {
  const conflict = await db.syncConflict.findUnique({ where: { id: input.conflictId }, include: { link: true } });
  if (!conflict) throw crmNotFound("The conflict");
  if (conflict.status !== "OPEN") throw new CrmError("conflict", "This conflict was already resolved");
  if (input.choice === "merge" && input.mergedValue === undefined) throw new CrmError("bad_request", "Type the merged value", "mergedValue");
  const adapter = entityAdapter(conflict.entity);
  if (!adapter) throw new ConnectorError("config", `Conflicts of ${conflict.entity} cannot be resolved here`);
  const toCanonical = (v: unknown): Canonical => (v === null || v === undefined || v === "" ? null : String(v));
  const localValue = toCanonical(conflict.localValue);
  const remoteValue = toCanonical(conflict.remoteValue);
  const now = new Date();
  const r = resolveConflict(
    { field: conflict.field, localValue, remoteValue },
    input.choice,
    input.choice === "merge" ? toCanonical(input.mergedValue) : undefined,
    now,
  );
  const wake = new Set<string>();
  await db.$transaction(async (tx) => {
    const link = await tx.syncLink.findUniqueOrThrow({ where: { id: conflict.linkId } });
    const base = parseBase(link.baseValues) ?? {};
    const stamps = parseStamps(link.fieldStamps);
    if (Object.keys(r.toApplyLocally).length) {
      await adapter.apply(tx, conflict.entityId, r.toApplyLocally as Record<string, Canonical>);
      const others = await enqueueRecordChange(tx, {
        entity: conflict.entity,
        entityId: conflict.entityId,
        operation: "UPDATE",
        exceptConnectionId: conflict.connectionId,
      });
      for (const i of others) wake.add(i.connectionId);
    }
    // Base = the CRM's current value: the push then sees a local change (or none) on this field only.
    base[conflict.field] = remoteValue;
    stamps[conflict.field] = r.stamp;
    const needsPush = Object.keys(r.toPushFields).length > 0;
    await tx.syncLink.update({
      where: { id: link.id },
      data: {
        baseValues: base,
        fieldStamps: stampsJson(stamps),
        ...(needsPush ? { status: "PENDING" as const, localChangedAt: now } : {}),
      },
    });
    if (needsPush) {
      await insertQueueItem(tx, {
        connectionId: conflict.connectionId,
        entity: conflict.entity,
        entityId: conflict.entityId,
        operation: "UPDATE",
        payload: {},
      });
      wake.add(conflict.connectionId);
    }
    await tx.syncConflict.update({
      where: { id: conflict.id },
      data: {
        status: "RESOLVED",
        resolution: input.choice,
        resolvedValue: r.value === null || r.value === undefined ? undefined : String(r.value),
        resolvedById: input.userId,
        resolvedAt: now,
      },
    });
  });
  return { wake: [...wake] };
}
