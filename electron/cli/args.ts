import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The command line's parsing, on Node's own util.parseArgs: unknown options, a missing value and
 * a stray argument are refused by it; this adds the checks it does not make (whole numbers in a
 * range, one output format), each as one plain sentence for a usage error.
 */

export type Options = NonNullable<ParseArgsConfig['options']>;

export type Parsed<O extends Options> = {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];
  positionals: string[];
};

/** Parses one command's arguments (the command name already removed); a string is a usage error. */
export function parseCommand<O extends Options>(args: readonly string[], options: O): Parsed<O> | string {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, allowNegative: true, strict: true });
    return { values, positionals } as Parsed<O>;
  } catch (err) {
    // parseArgs' messages name the option ("Unknown option '--x'..."); keep its first sentence.
    return (err as Error).message.split('. ')[0]!.replace(/\.$/, '');
  }
}

/** A whole number in [min, max] from an option's text, or the usage error. */
export function wholeNumber(flag: string, v: string | undefined, min: number, max: number): number | string | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return /^\d+$/.test(v) && n >= min && n <= max ? n : `${flag} needs a whole number from ${min} to ${max}`;
}

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv';

/** --json, --jsonl and --csv exclude each other; none is the table. */
export function outputFormat(values: { json?: boolean; jsonl?: boolean; csv?: boolean }): OutputFormat | string {
  const chosen = (['json', 'jsonl', 'csv'] as const).filter((f) => values[f]);
  if (chosen.length > 1) return 'choose one of --json, --jsonl and --csv';
  return chosen[0] ?? 'table';
}

export const FORMAT_OPTIONS = {
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One HOST or HOST:PORT a line; blank lines and # comments are skipped. */
export function listLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}
