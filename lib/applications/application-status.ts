/**
 * Application statuses, intake modes and their words, shared by the console,
 * My Tickets and the server (mirrors the Prisma enums; safe for client code).
 */
export const APPLICATION_STATUSES = [
  "assessment_completed",
  "waiting_for_application",
  "application_received",
  "ready_for_submission",
  "submitted",
  "approved",
  "denied",
  "closed",
] as const;
export type ApplicationStatusValue = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatusValue, string> = {
  assessment_completed: "Assessment completed",
  waiting_for_application: "Waiting for application",
  application_received: "Application received",
  ready_for_submission: "Ready for submission",
  submitted: "Submitted",
  approved: "Approved",
  denied: "Denied",
  closed: "Closed",
};

/** Statuses the "Application received" wizard may start from. */
export const RECEIVABLE_STATUSES: readonly ApplicationStatusValue[] = ["assessment_completed", "waiting_for_application"];

/**
 * The moves the status buttons offer. "Application received" is reached only
 * through the wizard, which carries the documents.
 */
export const STATUS_MOVES: Partial<Record<ApplicationStatusValue, readonly ApplicationStatusValue[]>> = {
  assessment_completed: ["waiting_for_application"],
  application_received: ["ready_for_submission"],
  ready_for_submission: ["submitted"],
  submitted: ["approved", "denied"],
  approved: ["closed"],
  denied: ["closed"],
};

export const INTAKE_MODES = ["bundled", "separate", "remote"] as const;
export type IntakeMode = (typeof INTAKE_MODES)[number];

/** "Pages 11 & 12", "Page 11", "Pages 3, 4 & 5". */
export function formatPages(pages: readonly number[]): string {
  if (pages.length === 0) return "Signed pages";
  if (pages.length === 1) return `Page ${pages[0]}`;
  return `Pages ${pages.slice(0, -1).join(", ")} & ${pages[pages.length - 1]}`;
}

export const INTAKE_MODE_LABELS: Record<IntakeMode, (pages: string) => string> = {
  bundled: (pages) => `${pages} are included in the original application`,
  separate: (pages) => `${pages} are a separate file`,
  remote: (pages) => `${pages} will be signed remotely`,
};

export const SIGNING_STATE_LABELS = { sent: "Sent", signed: "Signed", revoked: "Revoked", expired: "Expired" } as const;
export type SigningDisplayState = keyof typeof SIGNING_STATE_LABELS;
