import { psLiteral } from '../../../shared/powershell-literal';

// The one quoting rule, shared with the commands shown for people to copy.
export { psLiteral };

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
  return `& ${scriptPathExpression(scriptPath)} -EncodedArgs ${psLiteral(encodeArgs(args))}`;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Windows PowerShell decodes redirected stdin in the console's OEM code page, whatever the
 * session sets later, so a path under a profile named Jürgen or 山田 would arrive mangled. Such a
 * path travels as base64 of its UTF-8 bytes, decoded in place: the line stays ASCII (and still
 * one command whose only values are literals). An ASCII path stays readable.
 */
function scriptPathExpression(scriptPath: string): string {
  if (PRINTABLE_ASCII.test(scriptPath)) return psLiteral(scriptPath);
  const b64 = Buffer.from(scriptPath, 'utf8').toString('base64');
  return `([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String(${psLiteral(b64)})))`;
}
