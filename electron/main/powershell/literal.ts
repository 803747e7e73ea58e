/**
 * The only way a value enters PowerShell text: a single-quoted literal. Inside one, PowerShell
 * treats ' and the typographic quotes U+2018..U+201B all as quote characters, so each is doubled;
 * nothing else ($, backtick, newlines) is special there.
 */
const QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function psLiteral(value: string): string {
  return `'${value.replace(QUOTES, (q) => q + q)}'`;
}

/** Arguments cross as base64 of UTF-8 JSON: one token, decoded inside the script. */
export function encodeArgs(args: unknown): string {
  return Buffer.from(JSON.stringify(args), 'utf8').toString('base64');
}

/** The one line that runs a script: `& '<path>' -ArgsB64 '<base64 JSON>'`. */
export function invocationLine(scriptPath: string, args: unknown): string {
  return `& ${psLiteral(scriptPath)} -ArgsB64 ${psLiteral(encodeArgs(args))}`;
}
