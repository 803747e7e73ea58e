import type { Socket } from 'node:net';
import type { Confirm, NegotiationAttempt, NlaFacts, TlsVersion, TlsVersionProbe } from '../../../shared/probe-facts';
import { PROTOCOL, protocolMaskName } from '../../../shared/probe-facts';
import type { CertificateMemo } from './certificate';
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
  /** One per probe: a certificate seen on several handshakes is described once. */
  certificates?: CertificateMemo;
}

/** CredSSP runs over the TLS session of these two; they differ only in what follows it. */
const CREDSSP = PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX;

/** The TLS stage of one connection: the version to pin (null: offer all) and whether CredSSP follows. */
export interface TlsPlan {
  version: TlsVersion | null;
  nla?: boolean;
}

export interface NegotiateOptions {
  /** A socket the port stage already connected, which saves one connection and one round trip. */
  opened?: Socket;
  /**
   * Called once, as soon as the server has answered the request (or the connection failed): from
   * then on the server has accepted the connection and it no longer waits in its listen backlog.
   */
  answered?: (confirm: Confirm) => void;
}

/**
 * One connection: TCP, the X.224 request, and TLS on the same socket when the server selects a
 * TLS-based protocol. `tls` is the plan for that stage, or a function that decides it only once the
 * server has selected TLS (the version sweep gives a version only to a connection that can carry
 * it); null: no TLS stage. With `nla`, when the server selects HYBRID the CredSSP stage follows.
 */
export async function negotiate(
  limits: StageLimits,
  requested: number,
  tls: TlsPlan | null | ((confirm: Confirm) => Promise<TlsPlan | null>),
  options: NegotiateOptions = {},
): Promise<NegotiationAttempt> {
  const started = performance.now();
  const base = { requested, requestedName: protocolMaskName(requested) };
  const elapsed = () => performance.now() - started;
  let told = false;
  const answered = (confirm: Confirm) => {
    if (told) return;
    told = true;
    options.answered?.(confirm);
  };
  let socket = options.opened ?? null;
  if (!socket) {
    const { attempt, socket: fresh } = await openSocket(limits.address, limits.port, limits.connectTimeoutMs, limits.signal);
    if (!fresh) {
      const confirm =
        attempt.error === 'cancelled'
          ? ({ kind: 'cancelled' } as const)
          : ({ kind: 'connect-failed', state: attempt.state, error: attempt.error } as const);
      answered(confirm);
      return { ...base, confirm, tls: null, ms: elapsed() };
    }
    socket = fresh;
  }
  try {
    const { confirm, extra } = await exchangeConfirm(socket, requested, limits.stageTimeoutMs, limits.signal);
    answered(confirm);
    // Every selected protocol other than standard RDP security continues with TLS on this socket.
    if (!tls || confirm.kind !== 'selected' || confirm.protocol === 0) {
      return { ...base, confirm, tls: null, ms: elapsed() };
    }
    const plan = typeof tls === 'function' ? await tls(confirm) : tls;
    if (!plan) return { ...base, confirm, tls: null, ms: elapsed() };
    let nla: NlaFacts | undefined;
    const credssp = plan.nla && (confirm.protocol & CREDSSP) !== 0;
    const handshake = await tlsHandshake(socket, {
      host: limits.host,
      version: plan.version,
      timeoutMs: limits.stageTimeoutMs,
      signal: limits.signal,
      now: limits.now,
      certificates: limits.certificates,
      extra,
      afterHandshake: credssp
        ? async (secure) => {
            nla = await nlaStage(secure, { timeoutMs: limits.stageTimeoutMs, signal: limits.signal, now: limits.now });
          }
        : undefined,
    });
    return { ...base, confirm, tls: handshake, ...(nla ? { nla } : {}), ms: elapsed() };
  } catch (err) {
    // exchangeConfirm and tlsHandshake resolve for everything a server does; this is for our bugs.
    answered({ kind: 'cancelled' });
    throw err;
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
