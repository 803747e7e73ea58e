import type { AddressProbe, CertificateFacts, NegotiationAttempt, ProbeReport, TlsHandshake } from '../../shared/probe-facts';
import { protocolMaskName } from '../../shared/probe-facts';

/** Hand-made probe reports for the pure rules and the CLI views. */

export function cert(over: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: 'CN=server.example.com',
    commonName: 'server.example.com',
    subjectAltNames: [],
    issuer: 'CN=server.example.com',
    serialNumber: '01',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    daysLeft: 200,
    expired: false,
    notYetValid: false,
    selfSigned: true,
    keyType: 'rsa',
    keyBits: 2048,
    curve: null,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    sha1: 'AB'.repeat(20),
    sha256: 'CD'.repeat(32),
    nameMatches: true,
    ...over,
  };
}

export function tls(over: Partial<TlsHandshake> = {}): TlsHandshake {
  return {
    outcome: 'ok',
    version: 'TLSv1.2',
    cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    error: null,
    certificate: cert(),
    ms: 3,
    ...over,
  };
}

export function attempt(requested: number, c: NegotiationAttempt['confirm'], t: TlsHandshake | null = null): NegotiationAttempt {
  return { requested, requestedName: protocolMaskName(requested), confirm: c, tls: t, ms: 2 };
}

export function address(over: Partial<AddressProbe> = {}): AddressProbe {
  const t = over.tls === undefined ? tls() : over.tls;
  return {
    address: '10.0.0.5',
    family: 4,
    negotiation: [
      attempt(3, { kind: 'selected', protocol: 1, protocolName: 'SSL', flags: 1 }, t),
      attempt(0, { kind: 'selected', protocol: 0, protocolName: 'RDP', flags: 0 }),
    ],
    accepted: { RDP: 'yes', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
    tls: t,
    tlsVersions: [
      { version: 'TLSv1.3', accepted: 'no', outcome: 'alert', cipher: null, error: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', ms: 2 },
      { version: 'TLSv1.2', accepted: 'yes', outcome: 'ok', cipher: 'x', error: null, ms: 2 },
      { version: 'TLSv1.1', accepted: 'no', outcome: 'alert', cipher: null, error: 'x', ms: 2 },
      { version: 'TLSv1', accepted: 'no', outcome: 'alert', cipher: null, error: 'x', ms: 2 },
    ],
    ms: 10,
    ...over,
  };
}

export function report(over: Partial<ProbeReport> = {}): ProbeReport {
  return {
    version: 1,
    target: { host: 'server.example.com', port: 3389 },
    startedAt: '2026-06-01T00:00:00.000Z',
    durationMs: 20,
    dns: { host: 'server.example.com', addresses: [{ address: '10.0.0.5', family: 4 }], error: null },
    tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'open', ms: 1, error: null }] },
    addresses: [address()],
    interrupted: null,
    ...over,
  };
}
