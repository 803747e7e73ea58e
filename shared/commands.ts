import { z } from 'zod';
import { checkIds, type CheckId } from './catalog/checks';
import { fixIds, type FixId } from './catalog/fixes';
import { TargetSchema } from './target';
import { ReadableValuesSchema } from './catalog/readable-commands';

/**
 * Which check or fix to show the commands of: by id only, never script text. `values`: what the
 * scan found that the commands name (readable-commands.ts), validated, and put in as literals.
 */
export const DescribeCommandsRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('check'),
      checkId: z.enum(checkIds as [CheckId, ...CheckId[]]),
      target: TargetSchema,
      values: ReadableValuesSchema.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fix'),
      fixId: z.enum(fixIds as [FixId, ...FixId[]]),
      target: TargetSchema,
      values: ReadableValuesSchema.optional(),
    })
    .strict(),
]);
export type DescribeCommandsRequest = z.infer<typeof DescribeCommandsRequestSchema>;

/** One shipped script as it runs: its file, its arguments decoded, and its text ("View script"). */
export interface ScriptView {
  /** What this script does in the run: "Check", "Back up", "Change", "Check again", "Undo". */
  role: string;
  file: string;
  /** The -EncodedArgs value decoded, as JSON ("<...>" where only the run knows it). */
  args: string;
  /** The exact line RDP Doctor sends to PowerShell ("Exact command run"). */
  exact: string;
  /** The script's text, or null when this install cannot read it (say so, do not guess). */
  text: string | null;
}

/**
 * What a check or fix really does, for helpdesk: readable PowerShell a person can run, the undo
 * for a fix, each script with its decoded arguments, and a .ps1 of the readable lines.
 */
export interface CommandDescription {
  title: string;
  /** The computer the commands run on, by name. */
  computer: string;
  /** Readable PowerShell (or the probe's command line for the network checks), one line each. */
  readable: string[];
  /** A fix's undo, readable; null for a check. */
  undo: string[] | null;
  scripts: ScriptView[];
  /** "Copy as .ps1": the readable lines with a header saying what they are and where to run them. */
  ps1: string;
}
