/**
 * Field-by-field reconciliation of a record that may have changed on both
 * sides since the last sync (three-way: last synced values, local, remote).
 * A change made on one side only simply flows to the other side. A field
 * changed on both sides to different values is a conflict, settled by the
 * field's owner rule; only fields whose rule is `manual` reach a person.
 * Pure functions: the engine loads and stores the values and stamps.
 */

export type OwnerRule = "local_wins" | "remote_wins" | "newest_wins" | "manual";
export type SyncSide = "local" | "remote";

/** Which side last set a field, and when. */
export interface FieldStamp {
  side: SyncSide;
  at: Date;
}
export type FieldStamps = Record<string, FieldStamp>;

export type FieldValues = Record<string, unknown>;

export interface ReconcileInput {
  /** Values both sides agreed on at the last sync; null/empty for a record never synced. */
  base: FieldValues | null;
  local: FieldValues;
  remote: FieldValues;
  localChangedAt: Date;
  remoteChangedAt: Date;
  /** Owner rule per field. */
  rules: Readonly<Record<string, OwnerRule>>;
  /** Rule for synced fields without one (default newest_wins). */
  defaultRule?: OwnerRule;
  /** Stamps from the previous sync; carried over for fields that did not change. */
  fieldStamps?: FieldStamps;
  /** The synced fields; default: every field named in rules, local or remote. */
  fields?: readonly string[];
  /** Value equality; default treats null, undefined and "" alike and compares text forms. */
  equals?: (a: unknown, b: unknown) => boolean;
}

export interface FieldConflict {
  field: string;
  localValue: unknown;
  remoteValue: unknown;
  baseValue: unknown;
  rule: OwnerRule;
}

export type FieldDecision =
  | "unchanged"
  | "local_change"
  | "remote_change"
  | "same_change"
  | "conflict_local_won"
  | "conflict_remote_won"
  | "conflict_manual";

export interface ReconcileResult {
  /** Fields to write to the remote (local values). */
  toPushFields: FieldValues;
  /** Fields to write locally (remote values). */
  toApplyLocally: FieldValues;
  /** Conflicts that need a person (rule `manual` only). */
  conflicts: FieldConflict[];
  newFieldStamps: FieldStamps;
  /** The new `base` to store once the push and local writes succeed; manual conflicts keep their old base value. */
  nextBase: FieldValues;
  /** What happened to each field (for logs and the UI). */
  decisions: Record<string, FieldDecision>;
}

function textForm(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    // Decimal and similar value objects print themselves; plain data goes through JSON.
    const s = String(v);
    return s === "[object Object]" ? JSON.stringify(v) : s;
  }
  return String(v);
}

/** Default equality: empty values are equal to each other; everything else compares by text. */
export function sameValue(a: unknown, b: unknown): boolean {
  return textForm(a) === textForm(b);
}

/** Three-way reconciliation of one record; see the module comment for the rules. */
export function reconcileRecord(input: ReconcileInput): ReconcileResult {
  const equals = input.equals ?? sameValue;
  const base = input.base ?? {};
  const fields =
    input.fields ?? [...new Set([...Object.keys(input.rules), ...Object.keys(input.local), ...Object.keys(input.remote)])];
  const result: ReconcileResult = {
    toPushFields: {},
    toApplyLocally: {},
    conflicts: [],
    newFieldStamps: { ...(input.fieldStamps ?? {}) },
    nextBase: { ...base },
    decisions: {},
  };
  const localNewer = input.localChangedAt.getTime() >= input.remoteChangedAt.getTime();

  const takeLocal = (field: string, value: unknown) => {
    result.toPushFields[field] = value;
    result.nextBase[field] = value;
    result.newFieldStamps[field] = { side: "local", at: input.localChangedAt };
  };
  const takeRemote = (field: string, value: unknown) => {
    result.toApplyLocally[field] = value;
    result.nextBase[field] = value;
    result.newFieldStamps[field] = { side: "remote", at: input.remoteChangedAt };
  };

  for (const field of fields) {
    const baseValue = base[field];
    const localValue = input.local[field];
    const remoteValue = input.remote[field];
    const localChanged = !equals(localValue, baseValue);
    const remoteChanged = !equals(remoteValue, baseValue);

    if (!localChanged && !remoteChanged) {
      result.decisions[field] = "unchanged";
      continue;
    }
    if (localChanged && !remoteChanged) {
      takeLocal(field, localValue);
      result.decisions[field] = "local_change";
      continue;
    }
    if (!localChanged && remoteChanged) {
      takeRemote(field, remoteValue);
      result.decisions[field] = "remote_change";
      continue;
    }
    if (equals(localValue, remoteValue)) {
      // Both sides made the same edit: nothing to write, but remember who was first to matter.
      result.nextBase[field] = localValue;
      result.newFieldStamps[field] = localNewer
        ? { side: "local", at: input.localChangedAt }
        : { side: "remote", at: input.remoteChangedAt };
      result.decisions[field] = "same_change";
      continue;
    }

    const rule = input.rules[field] ?? input.defaultRule ?? "newest_wins";
    // On a tie, newest_wins keeps the local value: Switchboard is where people edit.
    const winner: SyncSide | null =
      rule === "local_wins" ? "local" : rule === "remote_wins" ? "remote" : rule === "newest_wins" ? (localNewer ? "local" : "remote") : null;
    if (winner === "local") {
      takeLocal(field, localValue);
      result.decisions[field] = "conflict_local_won";
    } else if (winner === "remote") {
      takeRemote(field, remoteValue);
      result.decisions[field] = "conflict_remote_won";
    } else {
      result.conflicts.push({ field, localValue, remoteValue, baseValue, rule });
      result.decisions[field] = "conflict_manual";
    }
  }
  return result;
}

export type ConflictChoice = "local" | "remote" | "merge";

export interface ConflictResolution {
  field: string;
  /** The value both sides will hold. */
  value: unknown;
  toPushFields: FieldValues;
  toApplyLocally: FieldValues;
  stamp: FieldStamp;
}

/**
 * What to write once a person settled a conflict: keep the local value (push
 * it), take the remote value (apply it locally), or a merged value (both).
 */
export function resolveConflict(
  conflict: Pick<FieldConflict, "field" | "localValue" | "remoteValue">,
  choice: ConflictChoice,
  mergedValue?: unknown,
  at: Date = new Date(),
): ConflictResolution {
  const { field } = conflict;
  switch (choice) {
    case "local":
      return {
        field,
        value: conflict.localValue,
        toPushFields: { [field]: conflict.localValue },
        toApplyLocally: {},
        stamp: { side: "local", at },
      };
    case "remote":
      return {
        field,
        value: conflict.remoteValue,
        toPushFields: {},
        toApplyLocally: { [field]: conflict.remoteValue },
        stamp: { side: "remote", at },
      };
    case "merge":
      if (mergedValue === undefined) throw new Error(`A merged value is needed to resolve ${field}`);
      return {
        field,
        value: mergedValue,
        toPushFields: { [field]: mergedValue },
        toApplyLocally: { [field]: mergedValue },
        // The merged value was written by a person in Switchboard.
        stamp: { side: "local", at },
      };
  }
}
