/**
 * SLA building blocks: business calendars, business-time arithmetic, policies
 * per priority, due dates with pauses, and clock states. All pure; callers
 * load settings and ticket times from the database and store what comes back.
 */
export * from "./business-calendar";
export * from "./business-time";
export * from "./pauses";
export * from "./sla-policy";
export * from "./due-dates";
export * from "./sla-state";
export { localDateOf, zonedTimeToInstant, zoneOffsetMs, type LocalDate } from "./zoned-time";
