/** A date and time as the reader's locale writes it ("Dec 1, 2026, 5:05 PM"). */
export const formatWhen = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
