/**
 * The only way a value enters PowerShell text: a single-quoted literal. Inside one, PowerShell
 * treats ' and the typographic quotes U+2018..U+201B all as quote characters, so each is doubled;
 * nothing else ($, backtick, newlines) is special there (about_Quoting_Rules, "Single-quoted
 * strings"). Here in shared/ so that the commands shown for people to copy (readable-commands.ts,
 * the report) quote values exactly as the lines RDP Doctor runs do (electron/main/powershell/).
 */
const QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function psLiteral(value: string): string {
  // No legitimate name or path holds NUL, and parsers disagree on it (tree-sitter ends the
  // string there): refuse it rather than guess.
  if (value.includes('\0')) throw new RangeError('A value passed to PowerShell cannot contain the NUL character.');
  return `'${value.replace(QUOTES, (q) => q + q)}'`;
}
