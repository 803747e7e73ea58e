import { z } from 'zod';
import { channels, requestSchemas, type Channel, type Envelope } from '../../../shared/ipc-contract';
import type { ErrorInfo } from '../../../shared/results';
import type { HandlerContext, HandlerTable } from '../handler-table';
import type { Logger } from '../ports';
import { WindowsError } from '../windows-error';

/**
 * The typed handle() of GitHub Desktop's ipc-main.ts, without Electron: check the sender, check
 * the payload against the channel's schema, then call the handler. Nothing unchecked reaches a
 * handler, and every failure comes back as a readable envelope.
 */

export interface Sender {
  /** URL of the frame that sent the message. */
  url: string;
}

const isChannel = (c: unknown): c is Channel => typeof c === 'string' && (channels as readonly string[]).includes(c);

/** Only our own renderer may call: the packaged file:// page, or the dev server's origin. */
export function isTrustedSender(sender: Sender, trustedUrl: string): boolean {
  let url: URL;
  let trusted: URL;
  try {
    url = new URL(sender.url);
    trusted = new URL(trustedUrl);
  } catch {
    return false;
  }
  if (trusted.protocol === 'file:') return url.protocol === 'file:' && url.pathname === trusted.pathname;
  return url.origin === trusted.origin;
}

function fail(kind: ErrorInfo['kind'], message: string): Envelope<never> {
  return { ok: false, error: { kind, message } };
}

export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  payload: unknown,
  sender: Sender,
  trustedUrl: string,
  ctx: HandlerContext,
  log?: Logger,
): Promise<Envelope<unknown>> {
  const started = performance.now();
  const result = await answer(table, channel, payload, sender, trustedUrl, ctx);
  // One line per call: the channel and how it ended, never the payload (passwords travel in one).
  const name = isChannel(channel) ? channel : 'unknown channel';
  const ms = Math.round(performance.now() - started);
  if (result.ok) log?.info(`${name}: ok in ${ms} ms`);
  else
    (result.error.kind === 'internal' || result.error.kind === 'untrusted-sender' ? log?.error : log?.warn)?.(
      `${name}: ${result.error.kind} in ${ms} ms`,
    );
  return result;
}

async function answer(
  table: HandlerTable,
  channel: unknown,
  payload: unknown,
  sender: Sender,
  trustedUrl: string,
  ctx: HandlerContext,
): Promise<Envelope<unknown>> {
  if (!isTrustedSender(sender, trustedUrl)) return fail('untrusted-sender', "This request did not come from RDP Doctor's own window.");
  if (!isChannel(channel)) return fail('bad-request', `Unknown request "${String(channel).slice(0, 40)}".`);
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) return fail('bad-request', `The request was not valid: ${z.prettifyError(parsed.error)}`);
  try {
    const handler = table[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (err) {
    if (err instanceof WindowsError) return fail(err.kind, err.message);
    return fail('internal', `Something went wrong inside RDP Doctor: ${err instanceof Error ? err.message : String(err)}`);
  }
}
