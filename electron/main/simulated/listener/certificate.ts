import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * The listener's certificate as the state describes it (common name, validity), self-signed
 * with one RSA key per process. Node can read certificates (X509Certificate) but not make them,
 * and the openssl CLI the test harness uses is not on Windows, where `npm start -- --simulate`
 * also runs; pkijs arrives only through electron-builder. So the few DER structures of RFC 5280
 * 4.1 are written here: version 3, serial, sha256WithRSAEncryption, issuer = subject (CN),
 * validity, the key, and the two extensions Windows puts in its own Remote Desktop certificate
 * (Extended Key Usage: Server Authentication; Key Usage: key and data encipherment).
 */

function der(tag: number, ...parts: Buffer[]): Buffer {
  const value = Buffer.concat(parts);
  const n = value.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : null;
  if (!length) throw new Error('DER value too long');
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

const seq = (...parts: Buffer[]) => der(0x30, ...parts);
const set = (...parts: Buffer[]) => der(0x31, ...parts);
const nul = () => Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(iso: string): Buffer {
  const d = new Date(iso);
  const full = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(full.slice(2), 'latin1')) : der(0x18, Buffer.from(full, 'latin1'));
}

function name(commonName: string): Buffer {
  return seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));
}

/** A positive INTEGER from bytes (a leading zero when the top bit is set). */
function integer(bytes: Buffer): Buffer {
  return der(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

let key: { privateKey: KeyObject; publicKey: KeyObject } | null = null;
/** One RSA 2048 key for every certificate this process makes (a key takes ~100 ms to generate). */
function processKey() {
  key ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return key;
}

export interface Pem {
  key: string;
  cert: string;
}

const made = new Map<string, Pem>();

/**
 * A self-signed certificate for `commonName`, valid from `notBefore` to `notAfter` (ISO dates),
 * with the Subject Alternative Name's DNS names when the state gives them (RFC 5280 4.2.1.6:
 * GeneralName dNSName [2] IA5String).
 */
export function makeListenerCertificate(c: { commonName: string; notBefore: string; notAfter: string; dnsNames?: readonly string[] }): Pem {
  const dnsNames = c.dnsNames ?? [];
  const id = `${c.commonName}|${c.notBefore}|${c.notAfter}|${dnsNames.join(',')}`;
  const cached = made.get(id);
  if (cached) return cached;
  const { privateKey, publicKey } = processKey();
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), nul());
  const serial = integer(createHash('sha1').update(id).digest().subarray(0, 16));
  const extensions = der(
    0xa3,
    seq(
      // Extended Key Usage: Server Authentication (1.3.6.1.5.5.7.3.1).
      seq(oid('2.5.29.37'), der(0x04, seq(oid('1.3.6.1.5.5.7.3.1')))),
      // Key Usage (critical): keyEncipherment | dataEncipherment (bits 2, 3: 0x30).
      seq(oid('2.5.29.15'), der(0x01, Buffer.from([0xff])), der(0x04, der(0x03, Buffer.from([0x04, 0x30])))),
      ...(dnsNames.length > 0 ? [seq(oid('2.5.29.17'), der(0x04, seq(...dnsNames.map((n) => der(0x82, Buffer.from(n, 'latin1'))))))] : []),
    ),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    serial,
    sha256WithRsa,
    name(c.commonName),
    seq(time(c.notBefore), time(c.notAfter)),
    name(c.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = seq(tbs, sha256WithRsa, der(0x03, Buffer.from([0]), signature));
  const pem: Pem = {
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${certificate
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`,
  };
  made.set(id, pem);
  return pem;
}
