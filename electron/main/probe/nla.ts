import type { Duplex } from 'node:stream';
import type { NlaFacts, NlaOutcome } from '../../../shared/probe-facts';
import { MAX_TSREQUEST_LENGTH, buildTsRequest, readTsRequest } from './credssp';
import { buildNegotiate, parseChallenge } from './ntlm';

/**
 * The NLA stage without credentials, as nmap's rdp-ntlm-info does it: inside the TLS session of a
 * connection where the server selected HYBRID, send one TSRequest carrying an NTLM NEGOTIATE,
 * read the server's TSRequest with its CHALLENGE, and stop. The caller closes the connection.
 * Bounded like the other stages: one deadline, a read cap, the probe's AbortSignal.
 */

export interface NlaStageOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => Date;
}

/** What an answer means once it is complete (or the stream ended). Pure, so the fuzz test drives it. */
export function interpretReply(bytes: Buffer, final: boolean, receivedAt: Date): Omit<NlaFacts, 'ms'> | null {
  const r = readTsRequest(bytes, final);
  if (!r.done) return null;
  const facts = (outcome: NlaOutcome, extra: Partial<Omit<NlaFacts, 'ms' | 'outcome'>> = {}) => ({
    outcome,
    credsspVersion: null,
    errorCode: null,
    challenge: null,
    error: null,
    ...extra,
  });
  if (!r.ok) {
    if (bytes.length === 0) return facts('closed', { error: 'the server closed the connection without answering the NTLM NEGOTIATE' });
    return facts('malformed', { error: r.reason });
  }
  const { version, negoToken, errorCode } = r.request;
  if (errorCode !== null && errorCode !== 0) {
    return facts('error-code', { credsspVersion: version, errorCode, error: `CredSSP error 0x${errorCode.toString(16).padStart(8, '0')}` });
  }
  if (!negoToken) return facts('no-challenge', { credsspVersion: version, error: 'the TSRequest carries no negoToken' });
  if (!negoToken.subarray(0, 8).equals(Buffer.from('NTLMSSP\0', 'latin1'))) {
    return facts('no-challenge', { credsspVersion: version, error: 'the negoToken is not an NTLM message (SPNEGO or Kerberos only?)' });
  }
  const c = parseChallenge(negoToken, receivedAt);
  if (!c.ok) return facts('malformed', { credsspVersion: version, error: c.reason });
  return facts('challenge', { credsspVersion: version, challenge: c.challenge });
}

/** Always resolves; never closes `secure` (the TLS stage owns it). */
export function nlaStage(secure: Duplex, options: NlaStageOptions): Promise<NlaFacts> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (f: Omit<NlaFacts, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      secure.off('data', onData);
      secure.off('end', onEnd);
      secure.off('close', onEnd);
      secure.off('error', onError);
      resolve({ ...f, ms: performance.now() - started });
    };
    const bare = (outcome: NlaOutcome, error: string) => ({ outcome, credsspVersion: null, errorCode: null, challenge: null, error });
    const whole = () => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    const onData = (chunk: Buffer) => {
      // Only the first MAX bytes are kept: a flood cannot grow memory past the cap.
      const room = MAX_TSREQUEST_LENGTH - received;
      chunks.push(room < chunk.length ? chunk.subarray(0, room) : chunk);
      received += Math.min(room, chunk.length);
      const capped = received >= MAX_TSREQUEST_LENGTH;
      const r = interpretReply(whole(), capped, options.now());
      if (r) finish(r);
    };
    const onEnd = () => finish(interpretReply(whole(), true, options.now()) ?? bare('closed', 'closed'));
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') finish(bare('reset', 'the server reset the connection during CredSSP'));
      else finish(bare('error', err.code ?? err.message));
    };
    const onAbort = () => finish(bare('cancelled', 'cancelled'));
    const timer = setTimeout(() => {
      const r = received > 0 ? interpretReply(whole(), true, options.now()) : null;
      const stalled = !r || (r.outcome === 'malformed' && r.error?.startsWith('reply ended early'));
      finish(stalled ? bare('timeout', `no complete CredSSP answer within ${options.timeoutMs} ms (${received} bytes)`) : r);
    }, options.timeoutMs);
    if (options.signal?.aborted) return finish(bare('cancelled', 'cancelled'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    secure.on('data', onData);
    secure.once('end', onEnd);
    secure.once('close', onEnd);
    secure.on('error', onError);
    secure.write(buildTsRequest(buildNegotiate()), (err) => {
      if (err) onError(err as NodeJS.ErrnoException);
    });
  });
}
