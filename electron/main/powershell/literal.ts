/**
 * The only way a value enters PowerShell text: a single-quoted literal. Inside one, PowerShell
 * treats ' and the typographic quotes U+2018..U+201B all as quote characters, so each is doubled;
 * nothing else ($, backtick, newlines) is special there.
 */
const QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function psLiteral(value: string): string {
  // No legitimate name or path holds NUL, and parsers disagree on it (tree-sitter ends the
  // string there): refuse it rather than guess.
  if (value.includes('\0')) throw new RangeError('A value passed to PowerShell cannot contain the NUL character.');
  return `'${value.replace(QUOTES, (q) => q + q)}'`;
}

/** Arguments cross as base64 of UTF-8 JSON: one token, decoded inside the script. */
export function encodeArgs(args: unknown): string {
  return Buffer.from(JSON.stringify(args), 'utf8').toString('base64');
}

/**
 * The one line that runs a script: `& '<path>' -EncodedArgs '<base64 JSON>'`. The parameter is
 * named like PowerShell's own -EncodedCommand, without digits: tree-sitter-powershell, which the
 * tests use to prove this line is one command with two literals, misreads digits in a parameter
 * name (`-ArgsB64` parses as `-ArgsB6` plus a broken `4>` redirection).
 */
export function invocationLine(scriptPath: string, args: unknown): string {
  return `& ${psLiteral(scriptPath)} -EncodedArgs ${psLiteral(encodeArgs(args))}`;
}
