import {
  ESCALATION_LEVEL_INFO,
  SLA_TARGETS,
  SLA_TARGET_LABELS,
  type EscalationLevel,
  type SlaTarget,
} from "@/lib/helpdesk/sla-states";
import type { SlaTargetSnapshot } from "./sla/sla-state";

/** Knobs of the escalation rules; see DEFAULT_ESCALATION_RULES. */
export interface EscalationRules {
  /** Level a still-unanswered first response breach demands. */
  firstResponseBreachLevel: EscalationLevel;
  /** Business minutes a first response may stay overdue before L3. */
  firstResponseOverdueMinutesForL3: number;
  /** Level a missed periodic update demands. */
  nextUpdateBreachLevel: EscalationLevel;
  /** Level a missed resolution deadline demands. */
  resolutionBreachLevel: EscalationLevel;
}

export const DEFAULT_ESCALATION_RULES: Readonly<EscalationRules> = {
  firstResponseBreachLevel: "L2",
  firstResponseOverdueMinutesForL3: 120,
  nextUpdateBreachLevel: "L2",
  resolutionBreachLevel: "L3",
};

export type EscalationReasonCode =
  | "first_response_breached"
  | "first_response_overdue"
  | "next_update_breached"
  | "resolution_breached";

export interface EscalationReason {
  code: EscalationReasonCode;
  target: SlaTarget;
  /** The level this reason demands. */
  level: EscalationLevel;
  message: string;
}

/** A target that crossed its deadline and has not been written to the trail yet. */
export interface NewBreach {
  target: SlaTarget;
  dueAt: Date;
  /** Stable id of this breach; store it with the trail event and pass it back next time. */
  key: string;
}

export interface EscalationInput {
  currentLevel: EscalationLevel;
  /** Per-clock state at the time of the sweep (assessSla(...).targets). */
  targets: Record<SlaTarget, SlaTargetSnapshot>;
  /** Breach keys already on the ticket's trail. */
  reportedBreaches?: Iterable<string>;
  rules?: Partial<EscalationRules>;
}

export interface EscalationDecision {
  previousLevel: EscalationLevel;
  level: EscalationLevel;
  changed: boolean;
  /** The rules that demand more than the previous level (empty when unchanged). */
  reasons: EscalationReason[];
  /** Breaches to record once each, in target order. */
  newlyBreached: NewBreach[];
}

/**
 * Identity of one breach: a target and the deadline it missed. next_update can
 * breach again after each provider update (a new deadline, so a new key);
 * a priority change that moves a deadline also makes a new, reportable breach.
 */
export function breachKey(target: SlaTarget, dueAt: Date): string {
  return `${target}@${dueAt.toISOString()}`;
}

const rank = (l: EscalationLevel) => ESCALATION_LEVEL_INFO[l].rank;

/**
 * Applies the escalation rules to a ticket's SLA snapshot. Only breaches still
 * waiting on the provider escalate (a late answer already given needs no
 * extra hands); every breach, late-met ones included, is reported once in
 * `newlyBreached`. The level is never lowered here: de-escalation is a
 * person's decision.
 */
export function evaluateEscalation(input: EscalationInput): EscalationDecision {
  const rules = { ...DEFAULT_ESCALATION_RULES, ...input.rules };
  const { targets, currentLevel } = input;
  const hits: EscalationReason[] = [];

  const fr = targets.first_response;
  if (fr.state === "breached" && fr.outstanding) {
    hits.push({
      code: "first_response_breached",
      target: "first_response",
      level: rules.firstResponseBreachLevel,
      message: "First response is overdue",
    });
    if (fr.overdueMinutes > rules.firstResponseOverdueMinutesForL3) {
      hits.push({
        code: "first_response_overdue",
        target: "first_response",
        level: "L3",
        message: `First response is more than ${rules.firstResponseOverdueMinutesForL3} business minutes overdue`,
      });
    }
  }
  const nu = targets.next_update;
  if (nu.state === "breached" && nu.outstanding) {
    hits.push({
      code: "next_update_breached",
      target: "next_update",
      level: rules.nextUpdateBreachLevel,
      message: "The customer is owed an update",
    });
  }
  const res = targets.resolution;
  if (res.state === "breached" && res.outstanding) {
    hits.push({
      code: "resolution_breached",
      target: "resolution",
      level: rules.resolutionBreachLevel,
      message: "Resolution is overdue",
    });
  }

  const reasons = hits.filter((h) => rank(h.level) > rank(currentLevel));
  const level = reasons.reduce<EscalationLevel>((lvl, r) => (rank(r.level) > rank(lvl) ? r.level : lvl), currentLevel);

  const reported = new Set(input.reportedBreaches ?? []);
  const newlyBreached: NewBreach[] = [];
  for (const target of SLA_TARGETS) {
    const t = targets[target];
    if (t.state !== "breached" || t.dueAt === null) continue;
    const key = breachKey(target, t.dueAt);
    if (!reported.has(key)) newlyBreached.push({ target, dueAt: t.dueAt, key });
  }

  return { previousLevel: currentLevel, level, changed: level !== currentLevel, reasons, newlyBreached };
}

/** A one-line trail entry for an escalation decision, e.g. "Escalated L1 → L3: Resolution is overdue". */
export function describeEscalation(decision: EscalationDecision): string | null {
  if (!decision.changed) return null;
  const why = decision.reasons.map((r) => r.message).join("; ");
  return `Escalated ${decision.previousLevel} → ${decision.level}: ${why}`;
}

/** A one-line trail entry for a breach, e.g. "First response SLA breached (due 2025-…Z)". */
export function describeBreach(breach: NewBreach): string {
  return `${SLA_TARGET_LABELS[breach.target]} SLA breached (due ${breach.dueAt.toISOString()})`;
}
