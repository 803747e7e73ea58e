import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateFacts } from '../../../shared/probe-facts';
import { DAY_MS } from '../../../shared/days';

/** Signature algorithm OIDs a server certificate realistically carries. */
const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };

/** One DER TLV header: tag, where the value starts, its length. Null when it runs past the end. */
function tlv(der: Uint8Array, at: number): { tag: number; start: number; length: number } | null {
  const tag = der[at];
  let lenByte = der[at + 1];
  if (tag === undefined || lenByte === undefined) return null;
  let start = at + 2;
  let length = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n === 0 || n > 4) return null;
    length = 0;
    for (let i = 0; i < n; i++) {
      lenByte = der[start + i];
      if (lenByte === undefined) return null;
      length = length * 256 + lenByte;
    }
    start += n;
  }
  return start + length <= der.length ? { tag, start, length } : null;
}

function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/**
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }. Node's
 * X509Certificate does not expose the algorithm, and a few lines of DER beat a dependency.
 */
function signatureAlgorithm(der: Uint8Array): string | null {
  const cert = tlv(der, 0);
  if (!cert || cert.tag !== 0x30) return null;
  const tbs = tlv(der, cert.start);
  if (!tbs || tbs.tag !== 0x30) return null;
  const alg = tlv(der, tbs.start + tbs.length);
  if (!alg || alg.tag !== 0x30) return null;
  const oid = tlv(der, alg.start);
  if (!oid || oid.tag !== 0x06) return null;
  const dotted = decodeOid(der.subarray(oid.start, oid.start + oid.length));
  return SIGNATURE_OIDS[dotted] ?? dotted;
}

const hex = (fingerprint: string) => fingerprint.replace(/:/g, '').toUpperCase();

function commonNameOf(subject: string): string | null {
  const line = subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : null;
}

function isSelfSigned(cert: X509Certificate): boolean {
  if (cert.subject !== cert.issuer) return false;
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function nameMatches(cert: X509Certificate, host: string): boolean {
  try {
    return isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined;
  } catch {
    return false;
  }
}

type Timeless = Omit<CertificateFacts, 'daysLeft' | 'expired' | 'notYetValid'>;

/**
 * Descriptions already made in one probe, by host and SHA-256 of the certificate: a probe sees the
 * same certificate on up to seven handshakes, and describing it (parsing names, checking its
 * signature) was a tenth of the probe's CPU. Only the clock-free part is kept.
 */
export type CertificateMemo = Map<string, { facts: Timeless; from: number; to: number }>;

/** The facts about a server certificate a helpdesk compares with the server's own store. */
export function describeCertificate(cert: X509Certificate, host: string, now: Date, memo?: CertificateMemo): CertificateFacts {
  const key = memo ? `${host}\0${cert.fingerprint256}` : '';
  let known = memo?.get(key);
  if (!known) {
    known = describeTimeless(cert, host);
    memo?.set(key, known);
  }
  const { facts, from, to } = known;
  const { subject, commonName, subjectAltNames, issuer, serialNumber, validFrom, validTo, ...rest } = facts;
  // In the order the report has always listed them.
  return {
    subject,
    commonName,
    subjectAltNames: [...subjectAltNames],
    issuer,
    serialNumber,
    validFrom,
    validTo,
    daysLeft: Number.isNaN(to) ? 0 : Math.floor((to - now.getTime()) / DAY_MS),
    expired: !Number.isNaN(to) && now.getTime() > to,
    notYetValid: !Number.isNaN(from) && now.getTime() < from,
    ...rest,
  };
}

function describeTimeless(cert: X509Certificate, host: string): { facts: Timeless; from: number; to: number } {
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  let keyType: string | null = null;
  let keyBits: number | null = null;
  let curve: string | null = null;
  try {
    const key = cert.publicKey;
    keyType = key.asymmetricKeyType ?? null;
    const details = key.asymmetricKeyDetails;
    curve = details?.namedCurve ?? null;
    keyBits = details?.modulusLength ?? (curve ? (CURVE_BITS[curve] ?? null) : null);
    if (keyType === 'ed25519') keyBits = 256;
    if (keyType === 'ed448') keyBits = 456;
  } catch {
    // An unsupported key type is still a certificate worth describing.
  }
  const facts: Timeless = {
    subject: cert.subject.replace(/\n/g, ', '),
    commonName: commonNameOf(cert.subject),
    subjectAltNames: cert.subjectAltName ? cert.subjectAltName.split(', ').filter(Boolean) : [],
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    validFrom: Number.isNaN(from) ? cert.validFrom : new Date(from).toISOString(),
    validTo: Number.isNaN(to) ? cert.validTo : new Date(to).toISOString(),
    selfSigned: isSelfSigned(cert),
    keyType,
    keyBits,
    curve,
    signatureAlgorithm: signatureAlgorithm(cert.raw),
    sha1: hex(cert.fingerprint),
    sha256: hex(cert.fingerprint256),
    nameMatches: nameMatches(cert, host),
  };
  return { facts, from, to };
}
