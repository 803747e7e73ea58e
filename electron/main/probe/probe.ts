import { DEFAULT_RDP_PORT } from '../../../shared/target';
import type { DnsFacts } from '../../../shared/network-facts';
import {
  PROBE_FACTS_VERSION,
  tlsVersions,
  type AddressProbe,
  type ProbeReport,
  type TlsVersionProbe,
} from '../../../shared/probe-facts';
import { resolveAll } from './dns';
import { negotiate, probeTlsVersion, type StageLimits } from './handshake';
import { connectAll } from './tcp';
import { NEGOTIATION_REQUESTS, acceptedProtocols, mainHandshake } from './verdict';

/**
 * The whole probe: DNS, TCP to every address, then on each open address the X.224 requests that
 * tell protocols apart and the TLS version sweep, all in parallel. Every wait has a deadline and
 * every stage listens to one AbortSignal, so it always resolves with a report (possibly partial,
 * marked `interrupted`), never hangs and never throws for anything a server does.
 */

export type ProbeStage = 'dns' | 'tcp' | 'negotiation' | 'tls-versions' | 'done';

export interface ProbeProgress {
  stage: ProbeStage;
  state: 'running' | 'done';
  address?: string;
  /** Short plain text for a progress line. */
  detail: string;
}

export interface ProbeOptions {
  port?: number;
  /** The whole probe, all stages. Default 10 s. */
  timeoutMs?: number;
  /** How long a TCP connect may go unanswered before the port counts as filtered. */
  connectTimeoutMs?: number;
  /** Each read after that: the X.224 Confirm, the TLS handshake. */
  stageTimeoutMs?: number;
  /** The TLS 1.3/1.2/1.1/1.0 sweep (four more connections per address). Default true. */
  tlsVersions?: boolean;
  /** Names with many addresses: probe the handshake on this many open ones. Default 4. */
  maxAddresses?: number;
  signal?: AbortSignal;
  onProgress?: (p: ProbeProgress) => void;
  /** Test seams. */
  resolve?: (host: string) => Promise<DnsFacts>;
  now?: () => Date;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STAGE_MS = 3_000;

/** Per-stage limits: a short overall budget shrinks them so a filtered port still fits in it. */
export function stageTimeouts(options: ProbeOptions): { overall: number; connect: number; stage: number } {
  const overall = Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return {
    overall,
    connect: options.connectTimeoutMs ?? Math.max(1, Math.min(DEFAULT_STAGE_MS, Math.floor(overall * 0.4))),
    stage: options.stageTimeoutMs ?? Math.max(1, Math.min(DEFAULT_STAGE_MS, Math.floor(overall * 0.3))),
  };
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise((resolve) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      () => {
        signal.removeEventListener('abort', abort);
        resolve(onAbort());
      },
    );
  });
}

async function probeAddress(
  limits: StageLimits,
  family: 4 | 6,
  sweep: boolean,
  progress: (p: ProbeProgress) => void,
): Promise<AddressProbe> {
  const started = performance.now();
  progress({ stage: 'negotiation', state: 'running', address: limits.address, detail: `asking ${limits.address} which security it accepts` });
  const negotiation = Promise.all(NEGOTIATION_REQUESTS.map((r) => negotiate(limits, r.requested, r.tls ? { version: null } : null)));
  // Speculative: the sweep starts with the negotiation rather than after it, which halves the wall time.
  const versions: Promise<TlsVersionProbe[]> = sweep ? Promise.all(tlsVersions.map((v) => probeTlsVersion(limits, v))) : Promise.resolve([]);
  const attempts = await negotiation;
  progress({ stage: 'negotiation', state: 'done', address: limits.address, detail: `negotiation with ${limits.address} done` });
  const tlsVersionResults = await versions;
  if (sweep) progress({ stage: 'tls-versions', state: 'done', address: limits.address, detail: `TLS versions of ${limits.address} done` });
  return {
    address: limits.address,
    family,
    negotiation: attempts,
    accepted: acceptedProtocols(attempts),
    tls: mainHandshake(attempts),
    tlsVersions: tlsVersionResults,
    ms: performance.now() - started,
  };
}

export async function probeTarget(host: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const startedAt = new Date();
  const started = performance.now();
  const port = options.port ?? DEFAULT_RDP_PORT;
  const limits = stageTimeouts(options);
  const now = options.now ?? (() => new Date());
  const overall = new AbortController();
  const timer = setTimeout(() => overall.abort(), limits.overall);
  const signal = options.signal ? AbortSignal.any([options.signal, overall.signal]) : overall.signal;
  const progress = (p: ProbeProgress) => {
    try {
      options.onProgress?.(p);
    } catch {
      // A broken progress listener must not break the probe.
    }
  };
  const interrupted = (): ProbeReport['interrupted'] => (options.signal?.aborted ? 'cancelled' : overall.signal.aborted ? 'timeout' : null);
  try {
    progress({ stage: 'dns', state: 'running', detail: `looking up ${host}` });
    const resolver = options.resolve ?? resolveAll;
    const dns = await raceAbort(resolver(host), signal, () => ({ host, addresses: [], error: interrupted() ?? 'cancelled' }));
    progress({ stage: 'dns', state: 'done', detail: dns.error ? `${host} does not resolve (${dns.error})` : `${host}: ${dns.addresses.map((a) => a.address).join(', ')}` });

    progress({ stage: 'tcp', state: 'running', detail: `connecting to port ${port}` });
    const tcp = await connectAll(
      dns.addresses.map((a) => a.address),
      port,
      limits.connect,
      signal,
    );
    progress({ stage: 'tcp', state: 'done', detail: tcp.attempts.map((a) => `${a.address} ${a.state}`).join(', ') || 'no address' });

    const open = tcp.attempts.filter((a) => a.state === 'open').slice(0, options.maxAddresses ?? 4);
    const addresses = await Promise.all(
      open.map((a) =>
        probeAddress(
          { host, address: a.address, port, connectTimeoutMs: limits.connect, stageTimeoutMs: limits.stage, signal, now },
          dns.addresses.find((d) => d.address === a.address)?.family ?? 4,
          options.tlsVersions ?? true,
          progress,
        ),
      ),
    );
    const report: ProbeReport = {
      version: PROBE_FACTS_VERSION,
      target: { host, port },
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - started,
      dns,
      tcp,
      addresses,
      interrupted: interrupted(),
    };
    progress({ stage: 'done', state: 'done', detail: 'done' });
    return report;
  } finally {
    clearTimeout(timer);
  }
}
