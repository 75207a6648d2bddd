import { describe, expect, it } from "vitest";
import type { EscalationLevel } from "@/lib/helpdesk/sla-states";
import { breachKey, describeBreach, describeEscalation, evaluateEscalation } from "./escalation-rules";
import { DEFAULT_BUSINESS_CALENDAR, DEFAULT_SLA_POLICIES, assessSla, type SlaTargetSnapshot } from "./sla";

const at = (s: string) => new Date(s);
const ok: SlaTargetSnapshot = { state: "ok", dueAt: at("2025-01-06T13:00:00Z"), outstanding: true, overdueMinutes: 0 };
const inactive: SlaTargetSnapshot = { state: "inactive", dueAt: null, outstanding: false, overdueMinutes: 0 };
const breached = (due: string, overdueMinutes: number, outstanding = true): SlaTargetSnapshot => ({
  state: "breached",
  dueAt: at(due),
  outstanding,
  overdueMinutes,
});

describe("evaluateEscalation", () => {
  it("leaves a healthy ticket alone", () => {
    const d = evaluateEscalation({
      currentLevel: "L1",
      targets: { first_response: ok, next_update: inactive, resolution: ok },
    });
    expect(d).toEqual({ previousLevel: "L1", level: "L1", changed: false, reasons: [], newlyBreached: [] });
    expect(describeEscalation(d)).toBeNull();
  });

  it("first response breached → L2", () => {
    const d = evaluateEscalation({
      currentLevel: "L1",
      targets: { first_response: breached("2025-01-06T09:30:00Z", 10), next_update: inactive, resolution: ok },
    });
    expect(d.level).toBe("L2");
    expect(d.changed).toBe(true);
    expect(d.reasons.map((r) => r.code)).toEqual(["first_response_breached"]);
    expect(describeEscalation(d)).toBe("Escalated L1 → L2: First response is overdue");
  });

  it("first response overdue for longer than the threshold → L3 (exactly the threshold is not longer)", () => {
    const targets = (overdue: number) => ({
      first_response: breached("2025-01-06T09:30:00Z", overdue),
      next_update: inactive,
      resolution: ok,
    });
    expect(evaluateEscalation({ currentLevel: "L1", targets: targets(120) }).level).toBe("L2");
    const d = evaluateEscalation({ currentLevel: "L1", targets: targets(121) });
    expect(d.level).toBe("L3");
    expect(d.reasons.map((r) => r.code)).toEqual(["first_response_breached", "first_response_overdue"]);
    expect(evaluateEscalation({ currentLevel: "L1", targets: targets(31), rules: { firstResponseOverdueMinutesForL3: 30 } }).level).toBe("L3");
  });

  it("missed update → L2; resolution breached → L3", () => {
    expect(
      evaluateEscalation({
        currentLevel: "L1",
        targets: { first_response: ok, next_update: breached("2025-01-06T12:00:00Z", 1), resolution: ok },
      }).level,
    ).toBe("L2");
    const d = evaluateEscalation({
      currentLevel: "L2",
      targets: { first_response: ok, next_update: ok, resolution: breached("2025-01-06T13:00:00Z", 1) },
    });
    expect(d.level).toBe("L3");
    // Only reasons that demand more than the current level explain the change.
    expect(d.reasons.map((r) => r.code)).toEqual(["resolution_breached"]);
  });

  it("never lowers the level", () => {
    for (const currentLevel of ["L2", "L3"] as EscalationLevel[]) {
      const calm = evaluateEscalation({
        currentLevel,
        targets: { first_response: ok, next_update: ok, resolution: ok },
      });
      expect(calm.level).toBe(currentLevel);
      expect(calm.changed).toBe(false);
    }
    const stillL3 = evaluateEscalation({
      currentLevel: "L3",
      targets: { first_response: breached("2025-01-06T09:30:00Z", 5), next_update: inactive, resolution: ok },
    });
    expect(stillL3).toMatchObject({ level: "L3", changed: false, reasons: [] });
  });

  it("does not escalate for a deadline already answered late, but still reports that breach", () => {
    const d = evaluateEscalation({
      currentLevel: "L1",
      targets: { first_response: breached("2025-01-06T09:30:00Z", 0, false), next_update: ok, resolution: ok },
    });
    expect(d.level).toBe("L1");
    expect(d.newlyBreached).toEqual([
      { target: "first_response", dueAt: at("2025-01-06T09:30:00Z"), key: "first_response@2025-01-06T09:30:00.000Z" },
    ]);
  });

  it("reports each breach once; a new deadline is a new breach", () => {
    const targets = {
      first_response: breached("2025-01-06T09:30:00Z", 10),
      next_update: inactive,
      resolution: breached("2025-01-06T13:00:00Z", 10),
    };
    const first = evaluateEscalation({ currentLevel: "L1", targets });
    expect(first.newlyBreached.map((b) => b.target)).toEqual(["first_response", "resolution"]);
    expect(describeBreach(first.newlyBreached[0]!)).toBe("First response SLA breached (due 2025-01-06T09:30:00.000Z)");

    const again = evaluateEscalation({
      currentLevel: first.level,
      targets,
      reportedBreaches: first.newlyBreached.map((b) => b.key),
    });
    expect(again.newlyBreached).toEqual([]);

    const moved = evaluateEscalation({
      currentLevel: first.level,
      targets: { ...targets, resolution: breached("2025-01-06T15:00:00Z", 1) },
      reportedBreaches: first.newlyBreached.map((b) => b.key),
    });
    expect(moved.newlyBreached).toEqual([
      { target: "resolution", dueAt: at("2025-01-06T15:00:00Z"), key: breachKey("resolution", at("2025-01-06T15:00:00Z")) },
    ]);
  });

  it("drives a ticket L1 → L2 → L3 over a day of sweeps, each breach once", () => {
    const ticket = {
      createdAt: at("2025-01-06T09:00:00Z"),
      policy: DEFAULT_SLA_POLICIES.urgent, // first response 09:30, resolution 13:00
      calendar: DEFAULT_BUSINESS_CALENDAR,
    };
    let level: EscalationLevel = "L1";
    const trail: string[] = [];
    const reported: string[] = [];
    for (const time of ["09:20", "09:31", "09:45", "10:00", "11:31", "11:40", "13:01", "14:00"]) {
      const { targets } = assessSla(ticket, at(`2025-01-06T${time}:00Z`));
      const d = evaluateEscalation({ currentLevel: level, targets, reportedBreaches: reported });
      for (const b of d.newlyBreached) {
        reported.push(b.key);
        trail.push(`${time} breach ${b.target}`);
      }
      if (d.changed) trail.push(`${time} ${d.previousLevel}→${d.level}`);
      level = d.level;
    }
    expect(trail).toEqual([
      "09:31 breach first_response",
      "09:31 L1→L2",
      "11:31 L2→L3", // 121 business minutes overdue
      "13:01 breach resolution",
    ]);
  });
});
