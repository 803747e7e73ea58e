import type { Socket } from 'node:net';
import type { NegotiationAttempt, NlaFacts, TlsVersion, TlsVersionProbe } from '../../../shared/probe-facts';
import { PROTOCOL, protocolMaskName } from '../../../shared/probe-facts';
import { nlaStage } from './nla';
import { openSocket } from './tcp';
import { tlsHandshake } from './tls';
import { exchangeConfirm } from './x224';

/** One connection: TCP, X.224 negotiation, and TLS on the same socket when the server selects it. */

export interface StageLimits {
  host: string;
  address: string;
  port: number;
  connectTimeoutMs: number;
  stageTimeoutMs: number;
  signal: AbortSignal;
  now: () => Date;
}

/** CredSSP runs over the TLS session of these two; they differ only in what follows it. */
const CREDSSP = PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX;

/**
 * `opened`: a socket the port stage already connected, which saves one connection and one round
 * trip. `tls.nla`: when the server selects HYBRID, go on to the CredSSP stage on this connection.
 */
export async function negotiate(
  limits: StageLimits,
  requested: number,
  tls: { version: TlsVersion | null; nla?: boolean } | null,
  opened?: Socket,
): Promise<NegotiationAttempt> {
  const started = performance.now();
  const base = { requested, requestedName: protocolMaskName(requested) };
  const elapsed = () => performance.now() - started;
  let socket = opened ?? null;
  if (!socket) {
    const { attempt, socket: fresh } = await openSocket(limits.address, limits.port, limits.connectTimeoutMs, limits.signal);
    if (!fresh) {
      const confirm =
        attempt.error === 'cancelled'
          ? ({ kind: 'cancelled' } as const)
          : ({ kind: 'connect-failed', state: attempt.state, error: attempt.error } as const);
      return { ...base, confirm, tls: null, ms: elapsed() };
    }
    socket = fresh;
  }
  try {
    const { confirm, extra } = await exchangeConfirm(socket, requested, limits.stageTimeoutMs, limits.signal);
    // Every selected protocol other than standard RDP security continues with TLS on this socket.
    if (!tls || confirm.kind !== 'selected' || confirm.protocol === 0) {
      return { ...base, confirm, tls: null, ms: elapsed() };
    }
    let nla: NlaFacts | undefined;
    const credssp = tls.nla && (confirm.protocol & CREDSSP) !== 0;
    const handshake = await tlsHandshake(socket, {
      host: limits.host,
      version: tls.version,
      timeoutMs: limits.stageTimeoutMs,
      signal: limits.signal,
      now: limits.now,
      extra,
      afterHandshake: credssp
        ? async (secure) => {
            nla = await nlaStage(secure, { timeoutMs: limits.stageTimeoutMs, signal: limits.signal, now: limits.now });
          }
        : undefined,
    });
    return { ...base, confirm, tls: handshake, ...(nla ? { nla } : {}), ms: elapsed() };
  } finally {
    socket.destroy();
  }
}

/** Asks for SSL|HYBRID (what mstsc offers) with one TLS version pinned. */
export async function probeTlsVersion(limits: StageLimits, version: TlsVersion): Promise<TlsVersionProbe> {
  return versionProbeOf(version, await negotiate(limits, 0x3, { version }));
}

/** What a connection whose TLS handshake was pinned to `version` says about that version. */
export function versionProbeOf(version: TlsVersion, a: NegotiationAttempt): TlsVersionProbe {
  if (!a.tls) {
    return { version, accepted: 'unknown', outcome: 'not-attempted', cipher: null, error: `no TLS: ${a.confirm.kind}`, ms: a.ms };
  }
  const t = a.tls;
  const accepted = t.outcome === 'ok' ? 'yes' : t.outcome === 'alert' || t.outcome === 'closed' || t.outcome === 'reset' ? 'no' : 'unknown';
  return { version, accepted, outcome: t.outcome, cipher: t.cipher, error: t.error, ms: a.ms };
}
