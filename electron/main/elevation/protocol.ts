import { z } from 'zod';

/**
 * What the app and the elevated helper say to each other: one JSON object per line over the named
 * pipe the helper creates. The app speaks first with the token, then names a catalog script by id
 * and the backup id (the journal entry's id) of the change; the helper finds the backup folder and
 * the backup itself. It never receives script text or a path.
 */

/** App to helper. Ids only grow: the helper refuses a repeated or older one as a replay. */
export type Request =
  { type: 'hello'; token: string } | { type: 'run'; id: number; script: string; backupId: string; encodedArgs: string } | { type: 'exit' };

const Hello = z.object({ type: z.literal('hello'), pid: z.number().int() });
/** The helper's verdict on the whole session (wrong peer, token or installation, a replay). */
const Refused = z.object({ type: z.literal('refused'), message: z.string() });
const Progress = z.object({ type: z.literal('progress'), id: z.number().int(), message: z.string() });
const Result = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), facts: z.unknown() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    /** 'refused': the helper's allow-list or argument check said no; 'script-error': the script threw. */
    error: z.object({ kind: z.enum(['refused', 'script-error']), message: z.string() }),
  }),
]);

const HelperMessageSchema = z.union([Hello, Refused, Progress, Result]);
export type HelperMessage = z.infer<typeof HelperMessageSchema>;
export type HelperResult = z.infer<typeof Result>;

/** Longest line accepted: the largest facts object is a few KB; more means something is wrong. */
export const MAX_LINE = 1_000_000;

export type LineEvent = { kind: 'message'; message: HelperMessage } | { kind: 'invalid'; reason: string };

/**
 * Splits a byte stream into JSON lines. Chunks may end anywhere, even inside a UTF-8 character;
 * Windows PowerShell writes CRLF and may start with a byte-order mark. A line that is not one of
 * the known messages is reported, never guessed at.
 */
export class JsonLineReader {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(chunk: Buffer | Uint8Array): LineEvent[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const events: LineEvent[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + 1);
      const event = parseLine(line);
      if (event) events.push(event);
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > MAX_LINE) {
      this.pending = '';
      events.push({ kind: 'invalid', reason: `a line longer than ${MAX_LINE} characters` });
    }
    return events;
  }
}

function parseLine(raw: string): LineEvent | null {
  const line = raw.replace(/^\uFEFF/, '').trim();
  if (!line) return null;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: 'invalid', reason: `not JSON: "${line.slice(0, 80)}"` };
  }
  const parsed = HelperMessageSchema.safeParse(json);
  if (!parsed.success) return { kind: 'invalid', reason: `not a helper message: "${line.slice(0, 80)}"` };
  return { kind: 'message', message: parsed.data };
}

export const encodeLine = (request: Request) => `${JSON.stringify(request)}\n`;
