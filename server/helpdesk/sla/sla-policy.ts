import {
  DEFAULT_SLA_POLICIES,
  slaPoliciesSchema,
  type SlaPolicies,
  type SlaPolicy,
} from "@/lib/helpdesk/sla-config";
import type { TicketPriority } from "@/lib/helpdesk/ticket-priorities";

export {
  DEFAULT_AT_RISK_FRACTION,
  DEFAULT_SLA_POLICIES,
  DEFAULT_SLA_SETTINGS,
  MAX_SLA_TARGET_MINUTES,
  slaPoliciesSchema,
  slaPolicySchema,
  slaSettingsSchema,
  type SlaPolicies,
  type SlaPolicy,
  type SlaSettings,
} from "@/lib/helpdesk/sla-config";

/** The targets for `priority`, from the admin's policies or the defaults. */
export function policyForPriority(
  priority: TicketPriority,
  policies: Readonly<SlaPolicies> = DEFAULT_SLA_POLICIES,
): SlaPolicy {
  return policies[priority];
}

/**
 * Stored policies merged over the defaults (a priority missing from storage
 * keeps its default), then validated; throws a ZodError naming the field.
 */
export function parseSlaPolicies(stored: unknown): SlaPolicies {
  const partial = typeof stored === "object" && stored !== null ? stored : {};
  return slaPoliciesSchema.parse({ ...DEFAULT_SLA_POLICIES, ...partial });
}
