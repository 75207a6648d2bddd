import {
  DEFAULT_SLA_SETTINGS,
  businessCalendarSchema,
  slaSettingsSchema,
  type SlaSettings,
} from "@/lib/helpdesk/sla-config";
import { TICKET_PRIORITIES } from "@/lib/helpdesk/ticket-priorities";
import type { DbOrTx } from "@/server/db";
import { logger } from "@/server/logger";
import { parseSlaPolicies } from "./sla";

const SETTINGS_ID = "default";

/**
 * The SLA calendar and per-priority targets admins set, merged over the
 * defaults. A stored calendar that no longer parses (hand-edited row) falls
 * back to the default one rather than stopping every ticket operation.
 */
export async function loadSlaSettings(db: DbOrTx): Promise<SlaSettings> {
  const [row, policyRows] = await Promise.all([
    db.helpdeskSettings.findUnique({ where: { id: SETTINGS_ID } }),
    db.slaPolicy.findMany(),
  ]);
  const stored = Object.fromEntries(
    policyRows.map((p) => [
      p.priority,
      {
        firstResponseMinutes: p.firstResponseMinutes,
        nextUpdateMinutes: p.nextUpdateMinutes,
        resolutionMinutes: p.resolutionMinutes,
      },
    ]),
  );
  let policies = DEFAULT_SLA_SETTINGS.policies;
  try {
    policies = parseSlaPolicies(stored);
  } catch (error) {
    logger.warn("helpdesk.sla_policies_invalid", { error });
  }
  let calendar = DEFAULT_SLA_SETTINGS.calendar;
  if (row) {
    const parsed = businessCalendarSchema.safeParse(row.calendar);
    if (parsed.success) calendar = parsed.data;
    else logger.warn("helpdesk.sla_calendar_invalid", { issues: parsed.error.issues.length });
  }
  return { calendar, policies, atRiskFraction: row?.atRiskFraction ?? DEFAULT_SLA_SETTINGS.atRiskFraction };
}

/**
 * Validates and stores the whole SLA settings document (calendar, targets for
 * every priority, at-risk share). Throws a ZodError naming the bad field.
 * Existing tickets pick the new targets up on their next change or sweep.
 */
export async function saveSlaSettings(db: DbOrTx, input: unknown, userId: string | null): Promise<SlaSettings> {
  const settings = slaSettingsSchema.parse(input);
  await db.helpdeskSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, calendar: settings.calendar, atRiskFraction: settings.atRiskFraction, updatedById: userId },
    update: { calendar: settings.calendar, atRiskFraction: settings.atRiskFraction, updatedById: userId },
  });
  for (const priority of TICKET_PRIORITIES) {
    const p = settings.policies[priority];
    await db.slaPolicy.upsert({
      where: { priority },
      create: { priority, ...p, updatedById: userId },
      update: { ...p, updatedById: userId },
    });
  }
  return settings;
}
