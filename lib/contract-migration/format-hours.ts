/** "2.5 h" from 150 minutes: the wizard's one way of writing hours. */
export function formatHours(minutes: number): string {
  return `${Math.round((minutes / 60) * 100) / 100} h`;
}
