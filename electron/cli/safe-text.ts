/**
 * Text a hostile server controls (the NTLM computer and domain names, the certificate's subject,
 * issuer and names, error texts) and lines of a --file reach a spreadsheet and a terminal. Two
 * things are neutralised there:
 * - Control characters a terminal acts on: C0 (ESC starts an ANSI sequence that can rewrite the
 *   screen or the window title), DEL, and C1 (U+0080..U+009F: 8-bit CSI U+009B and OSC U+009D are
 *   escape sequences of their own, ECMA-48 section 5.3); and the Unicode bidirectional controls
 *   (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069: Unicode UAX #9, "Trojan Source",
 *   CVE-2021-42574), which reorder what a person reads. In text they are shown as <U+XXXX>; in
 *   JSON as \uXXXX escapes, which is the same JSON value.
 * - A CSV cell that a spreadsheet would run as a formula: one starting with =, +, -, @, tab or
 *   carriage return (OWASP "CSV Injection") gets a leading apostrophe, which Excel and
 *   LibreOffice show as text; a plain number ("-3" days left) and the "-" placeholder stay as they are.
 */

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const codePoint = (c: string) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** Text for a terminal; keeps tabs and line breaks (the report's own layout). */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => `<U+${codePoint(c)}>`);
}

/** One value on one line of a terminal: line breaks in it are shown too, never acted on. */
export function terminalValue(text: string): string {
  return text.replace(UNSAFE_IN_LINE, (c) => `<U+${codePoint(c)}>`);
}

/**
 * JSON text with every such character written as a \u escape: the parsed value is unchanged.
 * (JSON.stringify escapes C0 inside strings already; its own line breaks are layout.)
 */
export function jsonText(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${codePoint(c).toLowerCase()}`);
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_OR_DASH = /^(-|-?\d+(\.\d+)?)$/;

/** One CSV cell (RFC 4180 quoting), never a formula, never a terminal control. */
export function csvCell(value: string): string {
  let v = terminalValue(value);
  if (FORMULA_START.test(value) && !NUMBER_OR_DASH.test(value)) v = `'${v}`;
  return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
