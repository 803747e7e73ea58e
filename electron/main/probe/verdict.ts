import type { Accepted, NegotiationAttempt, TlsHandshake, Verdict } from '../../../shared/probe-facts';
import { PROTOCOL } from '../../../shared/probe-facts';

/**
 * The requests that tell protocols apart. A server picks its favourite among what it is offered,
 * so each protocol is asked about in the one request where picking it proves it is accepted
 * (nmap's rdp-enum-encryption counts any RDP_NEG_RSP as "SUCCESS", which is wrong for xrdp).
 */
export const NEGOTIATION_REQUESTS = [
  // What mstsc offers, first: its TLS handshake is the one whose certificate and cipher the report shows.
  { requested: PROTOCOL.SSL | PROTOCOL.HYBRID, proves: 'HYBRID', tls: true },
  { requested: PROTOCOL.RDP, proves: 'RDP', tls: false },
  { requested: PROTOCOL.SSL, proves: 'SSL', tls: false },
  { requested: PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX, proves: 'HYBRID_EX', tls: false },
  { requested: PROTOCOL.SSL | PROTOCOL.RDSTLS, proves: 'RDSTLS', tls: false },
  // RDSAAD (Entra ID sign-in) is not asked: it says nothing about 0x904, and xrdp answers the
  // unknown flag with an MCS disconnect that fills its log with errors.
] as const;

function verdictFor(attempt: NegotiationAttempt | undefined, protocol: number): Verdict {
  const c = attempt?.confirm;
  if (!c) return 'unknown';
  switch (c.kind) {
    case 'selected':
      return c.protocol === protocol ? 'yes' : 'no';
    case 'failure':
    case 'rejected':
      return 'no';
    case 'legacy':
      // A server that ignores negotiation speaks standard RDP security only.
      return protocol === PROTOCOL.RDP ? 'yes' : 'no';
    default:
      return 'unknown';
  }
}

export function acceptedProtocols(attempts: readonly NegotiationAttempt[]): Accepted {
  const find = (requested: number) => attempts.find((a) => a.requested === requested);
  const out: Accepted = { RDP: 'unknown', SSL: 'unknown', HYBRID: 'unknown', RDSTLS: 'unknown', HYBRID_EX: 'unknown' };
  for (const r of NEGOTIATION_REQUESTS) out[r.proves] = verdictFor(find(r.requested), PROTOCOL[r.proves]);
  // HYBRID also shows when the HYBRID_EX request falls back to it.
  if (out.HYBRID !== 'yes' && verdictFor(find(PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX), PROTOCOL.HYBRID) === 'yes')
    out.HYBRID = 'yes';
  return out;
}

/** The handshake a current client would get: the first TLS stage, an ok one if any. */
export function mainHandshake(attempts: readonly NegotiationAttempt[]): TlsHandshake | null {
  const withTls = attempts.map((a) => a.tls).filter((t): t is TlsHandshake => !!t);
  return withTls.find((t) => t.outcome === 'ok') ?? withTls[0] ?? null;
}
