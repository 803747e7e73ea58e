/** Dates as the checks report them (ISO 8601 text). */

export const DAY_MS = 86_400_000;

/** The calendar day of a timestamp as written: "2024-05-14T09:30:00Z" -> "2024-05-14". */
export const isoDay = (iso: string) => iso.slice(0, 10);
