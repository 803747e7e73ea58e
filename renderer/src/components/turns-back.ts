/**
 * "Turns itself back at 17:45": when a temporary change's scheduled task puts it back, on the
 * reader's clock and in their locale (the task runs on the computer changed, at that moment).
 */
export const turnsBackAt = (iso: string): string =>
  `Turns itself back at ${new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
