import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_CALENDAR } from "./business-calendar";
import { computeDueDates, type SlaClock } from "./due-dates";
import { DEFAULT_SLA_POLICIES } from "./sla-policy";
import { assessSla, overallSlaState, overdueMinutes, slaState } from "./sla-state";

const at = (s: string) => new Date(s);
const calendar = DEFAULT_BUSINESS_CALENDAR;
const opts = { calendar, atRiskFraction: 0.75 };

// Urgent ticket created Monday 09:00: first response due 09:30.
const urgent = computeDueDates({ createdAt: at("2025-01-06T09:00:00Z"), policy: DEFAULT_SLA_POLICIES.urgent, calendar });

describe("slaState", () => {
  it("ok → at_risk → breached at the exact boundaries", () => {
    const fr = urgent.firstResponseDue;
    expect(slaState(fr, at("2025-01-06T09:22:29Z"), opts)).toBe("ok"); // 7.52 min left
    expect(slaState(fr, at("2025-01-06T09:22:30Z"), opts)).toBe("at_risk"); // exactly 25 % left
    expect(slaState(fr, at("2025-01-06T09:30:00Z"), opts)).toBe("at_risk"); // due now: not yet breached
    expect(slaState(fr, new Date(Date.parse("2025-01-06T09:30:00Z") + 1), opts)).toBe("breached");
  });

  it("uses the default fraction of 0.75 and validates it", () => {
    expect(slaState(urgent.firstResponseDue, at("2025-01-06T09:22:30Z"), { calendar })).toBe("at_risk");
    expect(() => slaState(urgent.firstResponseDue, at("2025-01-06T09:00:00Z"), { calendar, atRiskFraction: 1 })).toThrow(
      RangeError,
    );
  });

  it("measures risk in business time, not wall-clock time", () => {
    // High, created Friday 17:30: due Monday 08:30. Over the weekend 30 of 60 minutes remain.
    const fr = computeDueDates({ createdAt: at("2025-01-10T17:30:00Z"), policy: DEFAULT_SLA_POLICIES.high, calendar })
      .firstResponseDue;
    expect(slaState(fr, at("2025-01-12T20:00:00Z"), opts)).toBe("ok");
    expect(slaState(fr, at("2025-01-13T08:15:00Z"), opts)).toBe("at_risk");
  });

  it("met on time is met; met one millisecond late is breached", () => {
    const onTime = computeDueDates({
      createdAt: at("2025-01-06T09:00:00Z"),
      policy: DEFAULT_SLA_POLICIES.urgent,
      calendar,
      firstRespondedAt: at("2025-01-06T09:30:00Z"),
    });
    const late = computeDueDates({
      createdAt: at("2025-01-06T09:00:00Z"),
      policy: DEFAULT_SLA_POLICIES.urgent,
      calendar,
      firstRespondedAt: new Date(Date.parse("2025-01-06T09:30:00Z") + 1),
    });
    const now = at("2025-01-07T12:00:00Z");
    expect(slaState(onTime.firstResponseDue, now, opts)).toBe("met");
    expect(slaState(late.firstResponseDue, now, opts)).toBe("breached");
  });

  it("paused and inactive clocks", () => {
    const paused = computeDueDates({
      createdAt: at("2025-01-06T09:00:00Z"),
      policy: DEFAULT_SLA_POLICIES.urgent,
      calendar,
      pauses: [{ from: at("2025-01-06T09:10:00Z"), to: null }],
    });
    // Even long after the original deadline: the clock is stopped.
    expect(slaState(paused.firstResponseDue, at("2025-01-08T09:00:00Z"), opts)).toBe("paused");
    expect(slaState(paused.nextUpdateDue, at("2025-01-08T09:00:00Z"), opts)).toBe("inactive");
  });
});

describe("overallSlaState and overdueMinutes", () => {
  it("takes the worst clock and ignores inactive ones", () => {
    expect(overallSlaState(["met", "breached", "inactive"])).toBe("breached");
    expect(overallSlaState(["ok", "at_risk", "met"])).toBe("at_risk");
    expect(overallSlaState(["paused", "met", "inactive"])).toBe("paused");
    expect(overallSlaState(["met", "inactive"])).toBe("met");
    expect(overallSlaState(["inactive"])).toBe("met");
  });

  it("counts overdue business minutes only for outstanding clocks", () => {
    const fr = urgent.firstResponseDue;
    expect(overdueMinutes(fr, at("2025-01-06T09:20:00Z"), calendar)).toBe(0);
    expect(overdueMinutes(fr, at("2025-01-06T11:00:00Z"), calendar)).toBe(90);
    // Overnight does not count: 08:30 the next day is 510 + 30 business minutes late.
    expect(overdueMinutes(fr, at("2025-01-07T08:30:00Z"), calendar)).toBe(540);
    const met: SlaClock = { ...fr, status: "met", dueAt: fr.dueAt!, metAt: at("2025-01-06T11:00:00Z"), onTime: false, usedMinutes: 120, startedAt: at("2025-01-06T09:00:00Z"), targetMinutes: 30 };
    expect(overdueMinutes(met, at("2025-01-07T08:30:00Z"), calendar)).toBe(0);
  });
});

describe("assessSla", () => {
  it("reports each clock and the ticket's overall state", () => {
    const a = assessSla(
      {
        createdAt: at("2025-01-06T09:00:00Z"),
        policy: DEFAULT_SLA_POLICIES.urgent,
        calendar,
        firstRespondedAt: at("2025-01-06T09:20:00Z"),
      },
      at("2025-01-06T10:25:00Z"),
    );
    expect(a.targets.first_response).toMatchObject({ state: "met", outstanding: false, overdueMinutes: 0 });
    expect(a.targets.next_update).toMatchObject({ state: "breached", outstanding: true, overdueMinutes: 5 });
    expect(a.targets.resolution).toMatchObject({ state: "ok", outstanding: true });
    expect(a.overall).toBe("breached");
  });
});
