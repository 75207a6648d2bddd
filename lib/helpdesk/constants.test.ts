import { describe, expect, it } from "vitest";
import {
  ACTIVE_TICKET_STATUSES,
  ACTOR_KINDS,
  ACTOR_KIND_INFO,
  TICKET_PRIORITIES,
  TICKET_PRIORITY_INFO,
  TICKET_STATUSES,
  TICKET_STATUS_INFO,
  TICKET_STATUS_TRANSITIONS,
  TICKET_TYPES,
  TICKET_TYPE_INFO,
  canTransitionStatus,
  comparePriority,
  isReopen,
  isTicketType,
} from "./constants";

describe("helpdesk vocabulary", () => {
  it("has the 12 ticket types of seed 002, each with label and description", () => {
    expect(TICKET_TYPES).toHaveLength(12);
    expect(new Set(TICKET_TYPES).size).toBe(12);
    for (const t of TICKET_TYPES) {
      expect(TICKET_TYPE_INFO[t].code).toBe(t);
      expect(TICKET_TYPE_INFO[t].label).not.toBe("");
      expect(TICKET_TYPE_INFO[t].description.length).toBeGreaterThan(10);
    }
    expect(isTicketType("outage_report")).toBe(true);
    expect(isTicketType("Outage report")).toBe(false);
  });

  it("orders priorities low → urgent and gives each a tone", () => {
    expect([...TICKET_PRIORITIES].sort(comparePriority)).toEqual(["low", "normal", "high", "urgent"]);
    expect(comparePriority("urgent", "high")).toBeGreaterThan(0);
    expect(TICKET_PRIORITY_INFO.urgent.tone).toBe("danger");
  });

  it("knows four actor kinds", () => {
    expect(ACTOR_KINDS).toEqual(["customer", "provider", "partner", "platform"]);
    for (const a of ACTOR_KINDS) expect(ACTOR_KIND_INFO[a].label).not.toBe("");
  });
});

describe("status transitions", () => {
  it("walks the happy path and reopens from resolved or closed", () => {
    expect(canTransitionStatus("open", "in_progress")).toBe(true);
    expect(canTransitionStatus("in_progress", "waiting_on_customer")).toBe(true);
    expect(canTransitionStatus("waiting_on_customer", "open")).toBe(true); // customer replied
    expect(canTransitionStatus("in_progress", "resolved")).toBe(true);
    expect(canTransitionStatus("resolved", "closed")).toBe(true);
    expect(canTransitionStatus("resolved", "open")).toBe(true);
    expect(canTransitionStatus("closed", "open")).toBe(true);
    expect(isReopen("closed", "open")).toBe(true);
    expect(isReopen("resolved", "open")).toBe(true);
    expect(isReopen("waiting_on_customer", "open")).toBe(false);
  });

  it("refuses the rest", () => {
    expect(canTransitionStatus("closed", "in_progress")).toBe(false);
    expect(canTransitionStatus("closed", "resolved")).toBe(false);
    expect(canTransitionStatus("resolved", "waiting_on_customer")).toBe(false);
    for (const s of TICKET_STATUSES) {
      expect(canTransitionStatus(s, s)).toBe(false);
      for (const to of TICKET_STATUS_TRANSITIONS[s]) expect(TICKET_STATUSES).toContain(to);
    }
  });

  it("marks active statuses and the one that pauses the SLA", () => {
    expect(ACTIVE_TICKET_STATUSES).toEqual(["open", "in_progress", "waiting_on_customer"]);
    expect(TICKET_STATUSES.filter((s) => TICKET_STATUS_INFO[s].pausesSla)).toEqual(["waiting_on_customer"]);
  });
});
