import { Socket } from 'node:net';
import type { TcpFacts, TcpState } from '../../../shared/network-facts';

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET']);
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** One TCP connect: open, refused, filtered (no answer in time) or unreachable, with its time. */
export function connectOnce(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TcpFacts['attempts'][number]> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    let settled = false;
    const finish = (state: TcpState, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ address, state, ms: performance.now() - started, error });
    };
    const onAbort = () => finish('error', 'cancelled');
    const timer = setTimeout(() => finish('filtered', `no answer within ${timeoutMs} ms`), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish('open', null));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? 'ERROR';
      finish(REFUSED.has(code) ? 'refused' : UNREACHABLE.has(code) ? 'unreachable' : 'error', code);
    });
    socket.connect({ host: address, port });
  });
}

/** Tries every address in parallel; mstsc tries them too, so one open address is enough. */
export async function connectAll(
  addresses: readonly string[],
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TcpFacts> {
  const attempts = await Promise.all(addresses.map((a) => connectOnce(a, port, timeoutMs, signal)));
  return { port, attempts };
}
