import { Socket } from 'node:net';
import type { TcpFacts, TcpState } from '../../../shared/network-facts';

// ECONNRESET is not "refused": something accepted the connection and then dropped it, which the
// findings treat like a server hanging up before negotiation, not like a closed port.
const REFUSED = new Set(['ECONNREFUSED']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EHOSTDOWN', 'ENETDOWN']);

export type Attempt = TcpFacts['attempts'][number];

/** Late errors from a socket we already gave up on must never become an uncaught exception. */
const ignore = () => {};

/**
 * One TCP connect that hands back the open socket (paused, for the next stage) or why it failed:
 * refused (RST), filtered (no answer in time), unreachable (no route), error, or cancelled.
 */
export function openSocket(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ attempt: Attempt; socket: Socket | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    socket.on('error', ignore);
    let settled = false;
    const finish = (state: TcpState, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      const attempt = { address, state, ms: performance.now() - started, error };
      if (state === 'open') {
        socket.pause();
        resolve({ attempt, socket });
      } else {
        socket.destroy();
        resolve({ attempt, socket: null });
      }
    };
    const onAbort = () => finish('error', 'cancelled');
    const onError = (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'ERROR';
      finish(REFUSED.has(code) ? 'refused' : UNREACHABLE.has(code) ? 'unreachable' : 'error', code);
    };
    const timer = setTimeout(() => finish('filtered', `no answer within ${timeoutMs} ms`), timeoutMs);
    if (signal?.aborted) return finish('error', 'cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish('open', null));
    socket.on('error', onError);
    socket.setNoDelay(true);
    try {
      socket.connect({ host: address, port });
    } catch (err) {
      // A bad port or address throws instead of emitting; it must still end as a result.
      onError(err as NodeJS.ErrnoException);
    }
  });
}

/** One TCP connect: open, refused, filtered (no answer in time) or unreachable, with its time. */
export async function connectOnce(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<Attempt> {
  const { attempt, socket } = await openSocket(address, port, timeoutMs, signal);
  socket?.destroy();
  return attempt;
}
