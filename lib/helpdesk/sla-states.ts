import type { BadgeTone } from "./badge-tone";

/** The three separate SLA clocks a ticket runs. */
export const SLA_TARGETS = ["first_response", "next_update", "resolution"] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export const SLA_TARGET_LABELS: Readonly<Record<SlaTarget, string>> = {
  first_response: "First response",
  next_update: "Next update",
  resolution: "Resolution",
};

/**
 * The state of one SLA clock, or of a whole ticket (its worst clock). The list
 * filter and the chips use these five values.
 */
export const SLA_STATES = ["ok", "at_risk", "breached", "met", "paused"] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaStateInfo {
  code: SlaState;
  label: string;
  tone: BadgeTone;
}

export const SLA_STATE_INFO: Readonly<Record<SlaState, SlaStateInfo>> = {
  ok: { code: "ok", label: "On track", tone: "success" },
  at_risk: { code: "at_risk", label: "At risk", tone: "warning" },
  breached: { code: "breached", label: "Breached", tone: "danger" },
  met: { code: "met", label: "Met", tone: "success" },
  paused: { code: "paused", label: "Paused", tone: "neutral" },
};

export function isSlaState(value: unknown): value is SlaState {
  return typeof value === "string" && (SLA_STATES as readonly string[]).includes(value);
}

/** Escalation tiers; a ticket starts at L1 and is only raised, never lowered, by rules. */
export const ESCALATION_LEVELS = ["L1", "L2", "L3"] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_LEVEL_INFO: Readonly<
  Record<EscalationLevel, { code: EscalationLevel; label: string; tone: BadgeTone; rank: number }>
> = {
  L1: { code: "L1", label: "L1 · first line", tone: "neutral", rank: 1 },
  L2: { code: "L2", label: "L2 · specialists", tone: "warning", rank: 2 },
  L3: { code: "L3", label: "L3 · management", tone: "danger", rank: 3 },
};

export function isEscalationLevel(value: unknown): value is EscalationLevel {
  return typeof value === "string" && (ESCALATION_LEVELS as readonly string[]).includes(value);
}
