/**
 * The colour families a status chip or badge can take. Components map a tone to
 * Tailwind classes; domain constants only say what a value *means* (neutral,
 * good, needs attention, bad), so the palette can change in one place.
 */
export const BADGE_TONES = ["neutral", "info", "success", "warning", "danger"] as const;
export type BadgeTone = (typeof BADGE_TONES)[number];
