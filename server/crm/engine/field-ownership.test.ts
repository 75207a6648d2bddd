import { describe, expect, it } from "vitest";
import { reconcileRecord, resolveConflict, sameValue, type OwnerRule } from "./field-ownership";

const T_OLD = new Date("2026-03-01T10:00:00Z");
const T_NEW = new Date("2026-03-01T12:00:00Z");

const base = { email: "a@x.test", phone: "111", city: "Nairobi", name: "Ann" };

function run(rule: OwnerRule, opts: { localNewer: boolean }) {
  return reconcileRecord({
    base,
    local: { ...base, city: "Mombasa" },
    remote: { ...base, city: "Kisumu" },
    localChangedAt: opts.localNewer ? T_NEW : T_OLD,
    remoteChangedAt: opts.localNewer ? T_OLD : T_NEW,
    rules: { city: rule },
  });
}

describe("reconcileRecord", () => {
  it("does nothing when neither side changed", () => {
    const r = reconcileRecord({
      base,
      local: { ...base },
      remote: { ...base },
      localChangedAt: T_OLD,
      remoteChangedAt: T_OLD,
      rules: {},
    });
    expect(r.toPushFields).toEqual({});
    expect(r.toApplyLocally).toEqual({});
    expect(r.conflicts).toEqual([]);
    expect(r.decisions.city).toBe("unchanged");
  });

  it("lets a one-sided change flow across whatever the rule, and stamps the side", () => {
    const r = reconcileRecord({
      base,
      local: { ...base, email: "new@x.test" },
      remote: { ...base, phone: "222" },
      localChangedAt: T_OLD,
      remoteChangedAt: T_NEW,
      rules: { email: "remote_wins", phone: "local_wins" },
    });
    expect(r.toPushFields).toEqual({ email: "new@x.test" });
    expect(r.toApplyLocally).toEqual({ phone: "222" });
    expect(r.conflicts).toEqual([]);
    expect(r.newFieldStamps.email).toEqual({ side: "local", at: T_OLD });
    expect(r.newFieldStamps.phone).toEqual({ side: "remote", at: T_NEW });
    expect(r.nextBase).toMatchObject({ email: "new@x.test", phone: "222" });
  });

  it("is not a conflict when both sides made the same change", () => {
    const r = reconcileRecord({
      base,
      local: { ...base, city: "Mombasa" },
      remote: { ...base, city: "Mombasa" },
      localChangedAt: T_OLD,
      remoteChangedAt: T_NEW,
      rules: { city: "manual" },
    });
    expect(r.conflicts).toEqual([]);
    expect(r.toPushFields).toEqual({});
    expect(r.toApplyLocally).toEqual({});
    expect(r.decisions.city).toBe("same_change");
    expect(r.newFieldStamps.city).toEqual({ side: "remote", at: T_NEW });
  });

  it("local_wins pushes the local value in a conflict, even when the remote edit is newer", () => {
    const r = run("local_wins", { localNewer: false });
    expect(r.toPushFields).toEqual({ city: "Mombasa" });
    expect(r.toApplyLocally).toEqual({});
    expect(r.conflicts).toEqual([]);
    expect(r.decisions.city).toBe("conflict_local_won");
    expect(r.newFieldStamps.city?.side).toBe("local");
  });

  it("remote_wins applies the remote value in a conflict, even when the local edit is newer", () => {
    const r = run("remote_wins", { localNewer: true });
    expect(r.toApplyLocally).toEqual({ city: "Kisumu" });
    expect(r.toPushFields).toEqual({});
    expect(r.decisions.city).toBe("conflict_remote_won");
    expect(r.nextBase.city).toBe("Kisumu");
  });

  it("newest_wins takes the side that changed last", () => {
    expect(run("newest_wins", { localNewer: true }).toPushFields).toEqual({ city: "Mombasa" });
    expect(run("newest_wins", { localNewer: false }).toApplyLocally).toEqual({ city: "Kisumu" });
  });

  it("newest_wins keeps the local value on an exact tie", () => {
    const r = reconcileRecord({
      base,
      local: { ...base, city: "Mombasa" },
      remote: { ...base, city: "Kisumu" },
      localChangedAt: T_OLD,
      remoteChangedAt: T_OLD,
      rules: { city: "newest_wins" },
    });
    expect(r.toPushFields).toEqual({ city: "Mombasa" });
  });

  it("manual reports the conflict with both values and writes neither; its base stays", () => {
    const r = run("manual", { localNewer: true });
    expect(r.conflicts).toEqual([
      { field: "city", localValue: "Mombasa", remoteValue: "Kisumu", baseValue: "Nairobi", rule: "manual" },
    ]);
    expect(r.toPushFields).toEqual({});
    expect(r.toApplyLocally).toEqual({});
    expect(r.nextBase.city).toBe("Nairobi");
    expect(r.newFieldStamps.city).toBeUndefined();
  });

  it("only true conflicts reach a person: mixed rules on one record", () => {
    const r = reconcileRecord({
      base,
      local: { email: "mine@x.test", phone: "999", city: "Mombasa", name: "Ann" },
      remote: { email: "theirs@x.test", phone: "888", city: "Kisumu", name: "Anne" },
      localChangedAt: T_OLD,
      remoteChangedAt: T_NEW,
      rules: { email: "local_wins", city: "remote_wins", phone: "manual" },
    });
    expect(r.toPushFields).toEqual({ email: "mine@x.test" });
    expect(r.toApplyLocally).toEqual({ city: "Kisumu", name: "Anne" });
    expect(r.conflicts.map((c) => c.field)).toEqual(["phone"]);
  });

  it("uses defaultRule for fields without a rule", () => {
    const r = reconcileRecord({
      base,
      local: { ...base, name: "Ann B" },
      remote: { ...base, name: "Ann C" },
      localChangedAt: T_NEW,
      remoteChangedAt: T_OLD,
      rules: {},
      defaultRule: "manual",
    });
    expect(r.conflicts.map((c) => c.field)).toEqual(["name"]);
  });

  it("treats a never-synced record (no base) as changed on both sides where values differ", () => {
    const r = reconcileRecord({
      base: null,
      local: { email: "a@x.test", city: "Nairobi" },
      remote: { email: "a@x.test", city: "Kisumu" },
      localChangedAt: T_NEW,
      remoteChangedAt: T_OLD,
      rules: { city: "manual" },
    });
    expect(r.decisions.email).toBe("same_change");
    expect(r.conflicts.map((c) => c.field)).toEqual(["city"]);
  });

  it("keeps stamps of untouched fields and treats null, undefined and '' as equal", () => {
    const stamp = { side: "remote" as const, at: T_OLD };
    const r = reconcileRecord({
      base: { phone: null },
      local: { phone: "" },
      remote: { phone: undefined },
      localChangedAt: T_NEW,
      remoteChangedAt: T_NEW,
      rules: {},
      fieldStamps: { phone: stamp },
      fields: ["phone"],
    });
    expect(r.decisions.phone).toBe("unchanged");
    expect(r.newFieldStamps.phone).toBe(stamp);
  });

  it("compares numbers, dates and decimals by their text form", () => {
    expect(sameValue(5, "5")).toBe(true);
    expect(sameValue(new Date("2026-01-01T00:00:00Z"), "2026-01-01T00:00:00.000Z")).toBe(true);
    expect(sameValue({ toString: () => "12.50" }, "12.50")).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1 })).toBe(true);
    expect(sameValue("a", "b")).toBe(false);
  });
});

describe("resolveConflict", () => {
  const conflict = { field: "city", localValue: "Mombasa", remoteValue: "Kisumu" };
  const at = new Date("2026-03-02T08:00:00Z");

  it("local: pushes the local value", () => {
    expect(resolveConflict(conflict, "local", undefined, at)).toEqual({
      field: "city",
      value: "Mombasa",
      toPushFields: { city: "Mombasa" },
      toApplyLocally: {},
      stamp: { side: "local", at },
    });
  });

  it("remote: applies the remote value locally", () => {
    const r = resolveConflict(conflict, "remote", undefined, at);
    expect(r.toApplyLocally).toEqual({ city: "Kisumu" });
    expect(r.toPushFields).toEqual({});
    expect(r.stamp).toEqual({ side: "remote", at });
  });

  it("merge: writes the merged value to both sides", () => {
    const r = resolveConflict(conflict, "merge", "Mombasa / Kisumu", at);
    expect(r.toApplyLocally).toEqual({ city: "Mombasa / Kisumu" });
    expect(r.toPushFields).toEqual({ city: "Mombasa / Kisumu" });
    expect(r.value).toBe("Mombasa / Kisumu");
  });

  it("merge without a value is refused", () => {
    expect(() => resolveConflict(conflict, "merge")).toThrow(/merged value/);
  });
});
