import type { Socket } from 'node:net';
import { DEFAULT_RDP_PORT } from '../../../shared/target';
import type { DnsFacts } from '../../../shared/network-facts';
import {
  PROBE_FACTS_VERSION,
  PROTOCOL,
  tlsVersions,
  type AddressProbe,
  type Confirm,
  type NegotiationAttempt,
  type ProbeReport,
  type TlsOutcome,
  type TlsVersion,
  type TlsVersionProbe,
} from '../../../shared/probe-facts';
import type { CertificateMemo } from './certificate';
import { resolveAll } from './dns';
import { negotiate, versionProbeOf, type StageLimits } from './handshake';
import { semaphore } from './limit';
import { openSocket } from './tcp';
import { NEGOTIATION_REQUESTS, acceptedProtocols, mainHandshake } from './verdict';

/**
 * The whole probe: DNS, TCP to every address, then on each open address the X.224 requests that
 * tell protocols apart and the TLS version sweep. Addresses run in parallel, and so do the
 * connections to one address: two at a time wait on the server (see connectionsPerAddress), and a
 * connection the server has answered goes on with TLS while the next one is asked. Every wait has a deadline and
 * every stage listens to one AbortSignal, so it always resolves with a report (possibly partial,
 * marked `interrupted`), never hangs and never throws for anything a server does.
 */

type ProbeStage = 'dns' | 'tcp' | 'negotiation' | 'tls-versions' | 'done';

interface ProbeProgress {
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
  /**
   * The TLS 1.3/1.2/1.1/1.0 sweep. Each version rides on a negotiation request that offers SSL;
   * one the server answers without TLS gets a connection of its own. Default true.
   */
  tlsVersions?: boolean;
  /**
   * When the server selects HYBRID: one NTLM NEGOTIATE inside CredSSP on the same connection, for
   * the server's names, OS build and clock (no credentials, no logon attempt). Default true.
   */
  nla?: boolean;
  /**
   * Connections to one address waiting at once for the server to answer their request (counted
   * from before the TCP connect to the X.224 Confirm). Default 2: xrdp listens with a backlog of 2
   * (more SYNs are dropped and retried a second later), and Windows counts half-open connections
   * against MaxOutstandingConnections: a probe must not cause the storm it diagnoses. An answered
   * connection has left the backlog: its TLS (and CredSSP) stage runs outside this count, so a
   * probe has at most 7 connections open to one address (5 requests, 2 more TLS versions).
   */
  connectionsPerAddress?: number;
  /** Names with many addresses: probe the handshake on this many open ones. Default 4. */
  maxAddresses?: number;
  signal?: AbortSignal;
  onProgress?: (p: ProbeProgress) => void;
  /** Test seams. */
  resolve?: (host: string) => Promise<DnsFacts>;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STAGE_MS = 3_000;

/** Per-stage limits: a short overall budget shrinks them so a filtered port still fits in it. */
function stageTimeouts(options: ProbeOptions): { overall: number; connect: number; stage: number } {
  const overall = Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return {
    overall,
    connect: options.connectTimeoutMs ?? Math.max(1, Math.min(DEFAULT_STAGE_MS, Math.floor(overall * 0.4))),
    stage: options.stageTimeoutMs ?? Math.max(1, Math.min(DEFAULT_STAGE_MS, Math.floor(overall * 0.3))),
  };
}

/** Resolves with the work, or with onAbort() as soon as the signal fires (DNS cannot be cancelled). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => T, onError: (err: unknown) => T): Promise<T> {
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise((resolve) => {
    const abort = () => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', abort);
        resolve(onError(err));
      },
    );
  });
}

/** Replies that show an RDP server negotiating (anything else ends the address early). */
const NEGOTIATED = new Set<Confirm['kind']>(['selected', 'failure', 'legacy', 'rejected']);
/** A version sweep tells something after these; after a timeout it would only wait again. */
const SWEEP_AFTER = new Set<TlsOutcome>(['ok', 'alert', 'reset', 'closed']);

async function probeAddress(
  limits: StageLimits,
  family: 4 | 6,
  opened: Socket,
  options: { sweep: boolean; nla: boolean; perAddress: number },
  progress: (p: ProbeProgress) => void,
): Promise<AddressProbe> {
  const started = performance.now();
  // A connection holds a place from before it connects until the server answers its request: at
  // most perAddress wait on the server at once, while the TLS stages of answered ones go on.
  const place = semaphore(options.perAddress);
  progress({
    stage: 'negotiation',
    state: 'running',
    address: limits.address,
    detail: `asking ${limits.address} which security it accepts`,
  });
  let skipRest = false;
  /** One request on its own connection, once a place is free; null when it is no longer worth asking. */
  const ask = async (
    requested: number,
    tls: Parameters<typeof negotiate>[2],
    more: { opened?: Socket; answered?: (c: Confirm) => void } = {},
  ): Promise<NegotiationAttempt | null> => {
    const release = await place();
    if (skipRest && !more.opened) {
      release();
      return null;
    }
    return negotiate(limits, requested, tls, {
      opened: more.opened,
      answered: (c) => {
        more.answered?.(c);
        release();
      },
    });
  };

  // The first request (mstsc's) rides on the port stage's socket.
  const [first, ...rest] = NEGOTIATION_REQUESTS;
  let resolvePlan: (versions: TlsVersion[]) => void = () => {};
  /** The TLS versions still to try, known once the main handshake is (its own version is known). */
  const plan = new Promise<TlsVersion[]>((resolve) => (resolvePlan = resolve));
  const mainDone = ask(
    first.requested,
    { version: null, nla: options.nla },
    {
      opened,
      // No RDP answer to the first request: the others would only wait out the same silence or
      // read the same banner, so those not yet started are skipped.
      answered: (c) => {
        if (!NEGOTIATED.has(c.kind)) skipRest = true;
      },
    },
  ).then((m) => {
    const t = m!.tls;
    resolvePlan(
      !options.sweep || !t || !SWEEP_AFTER.has(t.outcome) ? [] : tlsVersions.filter((v) => !(t.outcome === 'ok' && t.version === v)),
    );
    return m!;
  });

  // The sweep. A request that offers SSL carries one version: when the server answers it with a
  // TLS protocol, that connection's handshake is pinned to the version, so one connection does
  // two jobs (the version a listener accepts does not depend on which TLS-based protocol it
  // selected). A version goes on a connection of its own (SSL|HYBRID, what mstsc asks) as soon as
  // there are more versions left than requests that might still carry one, without waiting for the
  // last answer.
  let queue: TlsVersion[] | null = null;
  let mayCarry = rest.filter((r) => (r.requested & PROTOCOL.SSL) !== 0).length;
  const swept = new Map<TlsVersion, TlsVersionProbe>();
  const own: Promise<void>[] = [];
  const spill = () => {
    while (queue && queue.length > mayCarry) {
      const v = queue.pop()!;
      own.push(
        ask(PROTOCOL.SSL | PROTOCOL.HYBRID, { version: v }).then((a) => {
          if (a) swept.set(v, versionProbeOf(v, a));
        }),
      );
    }
  };
  void plan.then((versions) => {
    queue = [...versions];
    spill();
  });
  const others = rest.map(async (r) => {
    if ((r.requested & PROTOCOL.SSL) === 0) return ask(r.requested, null);
    let carried: TlsVersion | undefined;
    let decided = false;
    const decide = () => {
      if (decided) return;
      decided = true;
      mayCarry--;
      spill();
    };
    try {
      const a = await ask(r.requested, async () => {
        await plan;
        carried = queue!.shift();
        decide();
        return carried ? { version: carried } : null;
      });
      if (carried && a) swept.set(carried, versionProbeOf(carried, a));
      return a;
    } finally {
      decide();
    }
  });
  const main = await mainDone;
  const attempts = [main, ...(await Promise.all(others)).filter((a): a is NegotiationAttempt => a !== null)];
  progress({ stage: 'negotiation', state: 'done', address: limits.address, detail: `negotiation with ${limits.address} done` });
  await plan;
  spill();
  let versions: TlsVersionProbe[] = [];
  const tls = main.tls;
  if (tls && swept.size + own.length > 0) {
    progress({
      stage: 'tls-versions',
      state: 'running',
      address: limits.address,
      detail: `trying TLS 1.3, 1.2, 1.1 and 1.0 on ${limits.address}`,
    });
    await Promise.all(own);
    versions = tlsVersions.map(
      (v): TlsVersionProbe =>
        swept.get(v) ??
        (tls.outcome === 'ok' && tls.version === v
          ? { version: v, accepted: 'yes', outcome: 'ok', cipher: tls.cipher, error: null, ms: tls.ms }
          : { version: v, accepted: 'unknown', outcome: 'not-attempted', cipher: null, error: 'not tried', ms: 0 }),
    );
    progress({ stage: 'tls-versions', state: 'done', address: limits.address, detail: `TLS versions of ${limits.address} done` });
  }
  return {
    address: limits.address,
    family,
    negotiation: attempts,
    accepted: acceptedProtocols(attempts),
    // The handshake a current client gets: the main request's (the others' are pinned to old versions).
    tls: mainHandshake([main]),
    tlsVersions: versions,
    ...(main.nla ? { nla: main.nla } : {}),
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
    const dns = await raceAbort(
      resolver(host),
      signal,
      () => ({ host, addresses: [], error: interrupted() ?? 'cancelled' }),
      (err) => ({ host, addresses: [], error: (err as NodeJS.ErrnoException)?.code ?? String(err) }),
    );
    progress({
      stage: 'dns',
      state: 'done',
      detail: dns.error ? `${host} does not resolve (${dns.error})` : `${host}: ${dns.addresses.map((a) => a.address).join(', ')}`,
    });

    progress({ stage: 'tcp', state: 'running', detail: `connecting to port ${port}` });
    // Each address goes on to the handshake as soon as its port answers, on the same socket,
    // without waiting for a filtered sibling to time out.
    const maxAddresses = options.maxAddresses ?? 4;
    const certificates: CertificateMemo = new Map();
    let handshakes = 0;
    const perAddress = dns.addresses.map(async ({ address, family }) => {
      const { attempt, socket } = await openSocket(address, port, limits.connect, signal);
      progress({ stage: 'tcp', state: 'done', address, detail: `${address} ${attempt.state}` });
      if (!socket) return { attempt, probe: null };
      if (handshakes >= maxAddresses) {
        socket.destroy();
        return { attempt, probe: null };
      }
      handshakes++;
      const limitsHere = { host, address, port, connectTimeoutMs: limits.connect, stageTimeoutMs: limits.stage, signal, now, certificates };
      const sweep = options.tlsVersions ?? true;
      const probe = await probeAddress(
        limitsHere,
        family,
        socket,
        { sweep, nla: options.nla ?? true, perAddress: Math.max(1, options.connectionsPerAddress ?? 2) },
        progress,
      );
      return { attempt, probe };
    });
    const done = await Promise.all(perAddress);
    const tcp = { port, attempts: done.map((d) => d.attempt) };
    const addresses = done.flatMap((d) => (d.probe ? [d.probe] : []));
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
