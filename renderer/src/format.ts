/** A date and time as the reader's locale writes it ("Dec 1, 2026, 5:05 PM"). */
export const formatWhen = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A time as a program writes it (ISO 8601, as the scripts and Windows' event logs give them). */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A line of evidence with each time in it written like every other time in the wizard ("last at
 * 2026-11-21T08:59:58.000Z" reads "last at Nov 21, 2026, 9:59 AM", on the reader's clock).
 */
export const readableTimes = (text: string) => text.replace(ISO_TIME, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : formatWhen(iso)));
