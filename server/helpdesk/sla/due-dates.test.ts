import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_CALENDAR, parseBusinessCalendar } from "./business-calendar";
import {
  computeDueDates,
  dueDateColumns,
  nearestDueAt,
  recomputeDueDatesForPriority,
  type SlaClock,
} from "./due-dates";
import { DEFAULT_SLA_POLICIES } from "./sla-policy";

const at = (s: string) => new Date(s);
const cal = DEFAULT_BUSINESS_CALENDAR; // Mon–Fri 08:00–18:00 UTC; 2025-01-06 is a Monday
const created = at("2025-01-06T09:00:00Z");

function dueIso(clock: SlaClock): string | null {
  return clock.dueAt ? clock.dueAt.toISOString() : null;
}

describe("computeDueDates per priority", () => {
  const cases = [
    // priority, first response, resolution, next update after a first response at 09:10
    ["urgent", "2025-01-06T09:30:00.000Z", "2025-01-06T13:00:00.000Z", "2025-01-06T10:10:00.000Z"],
    ["high", "2025-01-06T10:00:00.000Z", "2025-01-06T17:00:00.000Z", "2025-01-06T13:10:00.000Z"],
    ["normal", "2025-01-06T13:00:00.000Z", "2025-01-09T09:00:00.000Z", "2025-01-06T17:10:00.000Z"],
    ["low", "2025-01-06T17:00:00.000Z", "2025-01-13T09:00:00.000Z", "2025-01-08T13:10:00.000Z"],
  ] as const;

  for (const [priority, firstResponse, resolution, nextUpdate] of cases) {
    it(`${priority}: separate first-response, next-update and resolution deadlines`, () => {
      const policy = DEFAULT_SLA_POLICIES[priority];
      const fresh = computeDueDates({ createdAt: created, policy, calendar: cal });
      expect(dueIso(fresh.firstResponseDue)).toBe(firstResponse);
      expect(dueIso(fresh.resolutionDue)).toBe(resolution);
      expect(fresh.nextUpdateDue).toMatchObject({ status: "inactive", reason: "awaiting_first_response" });

      const answered = computeDueDates({
        createdAt: created,
        policy,
        calendar: cal,
        firstRespondedAt: at("2025-01-06T09:10:00Z"),
      });
      expect(answered.firstResponseDue).toMatchObject({ status: "met", onTime: true, usedMinutes: 10 });
      expect(dueIso(answered.nextUpdateDue)).toBe(nextUpdate);
    });
  }

  it("runs overnight, over the weekend and around holidays", () => {
    const fridayEvening = computeDueDates({
      createdAt: at("2025-01-10T17:30:00Z"),
      policy: DEFAULT_SLA_POLICIES.high,
      calendar: parseBusinessCalendar({ ...cal, holidays: ["2025-01-13"] }),
    });
    // 30 min on Friday, Monday is a holiday, 30 min on Tuesday.
    expect(dueIso(fridayEvening.firstResponseDue)).toBe("2025-01-14T08:30:00.000Z");
    // 8 h: 30 min Friday + 7.5 h Tuesday.
    expect(dueIso(fridayEvening.resolutionDue)).toBe("2025-01-14T15:30:00.000Z");
  });

  it("crosses DST in the calendar's zone", () => {
    const amsterdam = parseBusinessCalendar({ ...cal, timezone: "Europe/Amsterdam" });
    const due = computeDueDates({
      createdAt: at("2025-03-28T16:00:00Z"), // Fri 17:00 CET
      policy: DEFAULT_SLA_POLICIES.normal,
      calendar: amsterdam,
    });
    expect(dueIso(due.firstResponseDue)).toBe("2025-03-31T09:00:00.000Z"); // Mon 11:00 CEST
    // 30 h: 1 h Friday, 10 h Monday, 10 h Tuesday, 9 h Wednesday → Wed 2 Apr 17:00 CEST.
    expect(dueIso(due.resolutionDue)).toBe("2025-04-02T15:00:00.000Z");
  });
});

describe("pauses push deadlines out", () => {
  const normal = DEFAULT_SLA_POLICIES.normal;

  it("one closed pause adds exactly its business time", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      pauses: [{ from: at("2025-01-06T10:00:00Z"), to: at("2025-01-06T11:00:00Z") }],
    });
    expect(dueIso(due.firstResponseDue)).toBe("2025-01-06T14:00:00.000Z");
    expect(dueIso(due.resolutionDue)).toBe("2025-01-09T10:00:00.000Z");
  });

  it("only the business part of an overnight pause counts", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      // 17:00–18:00 Monday + 08:00–09:00 Tuesday = 2 business hours.
      pauses: [{ from: at("2025-01-06T17:00:00Z"), to: at("2025-01-07T09:00:00Z") }],
    });
    expect(dueIso(due.resolutionDue)).toBe("2025-01-09T11:00:00.000Z");
    expect(dueIso(due.firstResponseDue)).toBe("2025-01-06T13:00:00.000Z"); // due before the pause began
  });

  it("several pauses, overlapping ones merged, weekend ones free", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      pauses: [
        { from: at("2025-01-06T12:00:00Z"), to: at("2025-01-06T12:30:00Z") },
        { from: at("2025-01-06T10:00:00Z"), to: at("2025-01-06T10:30:00Z") },
        { from: at("2025-01-06T10:15:00Z"), to: at("2025-01-06T11:00:00Z") },
        { from: at("2025-01-11T09:00:00Z"), to: at("2025-01-12T20:00:00Z") },
      ],
    });
    // 60 + 30 paused business minutes before 13:00 → 14:30.
    expect(dueIso(due.firstResponseDue)).toBe("2025-01-06T14:30:00.000Z");
    expect(dueIso(due.resolutionDue)).toBe("2025-01-09T10:30:00.000Z");
  });

  it("a still-open pause reports clocks as paused with the minutes they have left", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      pauses: [{ from: at("2025-01-06T11:00:00Z"), to: null }],
    });
    expect(due.firstResponseDue).toMatchObject({
      status: "paused",
      dueAt: null,
      reason: "waiting_on_customer",
      pausedSince: at("2025-01-06T11:00:00Z"),
      remainingMinutes: 120,
    });
    expect(due.resolutionDue).toMatchObject({ status: "paused", remainingMinutes: 1800 - 120 });
    expect(dueDateColumns(due)).toEqual({ firstResponseDueAt: null, nextUpdateDueAt: null, resolutionDueAt: null });
    expect(nearestDueAt(due)).toBeNull();
  });

  it("when the pause ends, the clock resumes with what was left", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      // Closed on Wednesday 10:00: 120 minutes left of the first response from then on.
      pauses: [{ from: at("2025-01-06T11:00:00Z"), to: at("2025-01-08T10:00:00Z") }],
    });
    expect(dueIso(due.firstResponseDue)).toBe("2025-01-08T12:00:00.000Z");
  });

  it("an open pause that began after a deadline does not save it", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      pauses: [{ from: at("2025-01-06T14:00:00Z"), to: null }],
    });
    expect(due.firstResponseDue).toMatchObject({ status: "running", dueAt: at("2025-01-06T13:00:00Z") });
    expect(due.resolutionDue.status).toBe("paused");
  });

  it("met targets ignore pauses after they were met; next update runs from the last update", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      firstRespondedAt: at("2025-01-06T10:00:00Z"),
      lastProviderUpdateAt: at("2025-01-06T10:00:00Z"),
      pauses: [{ from: at("2025-01-06T10:30:00Z"), to: null }],
    });
    expect(due.firstResponseDue).toMatchObject({ status: "met", onTime: true, dueAt: at("2025-01-06T13:00:00Z") });
    expect(due.nextUpdateDue).toMatchObject({ status: "paused", remainingMinutes: 480 - 30 });
  });

  it("a pause before the next-update anchor does not delay the next update", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: DEFAULT_SLA_POLICIES.urgent,
      calendar: cal,
      firstRespondedAt: at("2025-01-06T09:10:00Z"),
      lastProviderUpdateAt: at("2025-01-06T12:00:00Z"),
      pauses: [{ from: at("2025-01-06T09:10:00Z"), to: at("2025-01-06T11:00:00Z") }],
    });
    expect(dueIso(due.nextUpdateDue)).toBe("2025-01-06T13:00:00.000Z");
    expect(nearestDueAt(due)?.toISOString()).toBe("2025-01-06T13:00:00.000Z");
  });

  it("records response and resolution times in business minutes without paused time", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: normal,
      calendar: cal,
      firstRespondedAt: at("2025-01-06T12:00:00Z"),
      resolvedAt: at("2025-01-07T10:00:00Z"),
      pauses: [{ from: at("2025-01-06T13:00:00Z"), to: at("2025-01-07T09:00:00Z") }],
    });
    expect(due.firstResponseDue).toMatchObject({ status: "met", usedMinutes: 180 });
    // 09:00–13:00 Monday + 09:00–10:00 Tuesday.
    expect(due.resolutionDue).toMatchObject({ status: "met", onTime: true, usedMinutes: 300 });
    expect(due.nextUpdateDue).toMatchObject({ status: "inactive", reason: "resolved" });
  });

  it("a late first response is met but not on time", () => {
    const due = computeDueDates({
      createdAt: created,
      policy: DEFAULT_SLA_POLICIES.urgent,
      calendar: cal,
      firstRespondedAt: at("2025-01-06T09:45:00Z"),
    });
    expect(due.firstResponseDue).toMatchObject({ status: "met", onTime: false, dueAt: at("2025-01-06T09:30:00Z") });
  });

  it("refuses a pause that ends before it starts", () => {
    expect(() =>
      computeDueDates({
        createdAt: created,
        policy: normal,
        calendar: cal,
        pauses: [{ from: at("2025-01-06T12:00:00Z"), to: at("2025-01-06T11:00:00Z") }],
      }),
    ).toThrow(RangeError);
  });
});

describe("priority change", () => {
  it("recomputes from the original creation time under the new policy", () => {
    const ticket = { createdAt: created, calendar: cal };
    const raised = recomputeDueDatesForPriority(ticket, "urgent", DEFAULT_SLA_POLICIES);
    // Raised at 12:00, but deadlines still count from 09:00.
    expect(dueIso(raised.firstResponseDue)).toBe("2025-01-06T09:30:00.000Z");
    expect(dueIso(raised.resolutionDue)).toBe("2025-01-06T13:00:00.000Z");

    const lowered = recomputeDueDatesForPriority(ticket, "low", DEFAULT_SLA_POLICIES);
    expect(dueIso(lowered.resolutionDue)).toBe("2025-01-13T09:00:00.000Z");
  });

  it("keeps pauses and the first response when recomputing", () => {
    const raised = recomputeDueDatesForPriority(
      {
        createdAt: created,
        calendar: cal,
        firstRespondedAt: at("2025-01-06T09:20:00Z"),
        pauses: [{ from: at("2025-01-06T10:00:00Z"), to: at("2025-01-06T11:00:00Z") }],
      },
      "high",
      DEFAULT_SLA_POLICIES,
    );
    expect(raised.firstResponseDue).toMatchObject({ status: "met", onTime: true });
    expect(dueIso(raised.resolutionDue)).toBe("2025-01-06T18:00:00.000Z");
    expect(dueIso(raised.nextUpdateDue)).toBe("2025-01-06T14:20:00.000Z");
  });
});
