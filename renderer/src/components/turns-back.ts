/**
 * "Turns itself back at 5:45 PM": when a temporary change's scheduled task puts it back, on the
 * reader's clock and in their locale (the task runs on the computer changed, at that moment),
 * written like every other time of day in the wizard ("9:13 PM", not "09:13 PM").
 */
export const turnsBackAt = (iso: string): string => `Turns itself back at ${timeOfDay(iso)}`;

/** A time of day as the wizard writes every one ("9:13 PM"). */
export const timeOfDay = (iso: string): string => new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
