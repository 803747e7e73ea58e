/**
 * The few ASN.1 DER pieces CredSSP needs (MS-CSSP 2.2.1, ITU-T X.690): definite-length TLVs,
 * SEQUENCE, context tags [n], INTEGER, OCTET STRING. Hand-written on purpose: asn1js would bring
 * four packages into the CLI and main bundles and still leave the TSRequest walk to us, and
 * @peculiar/asn1-schema needs legacy decorators in tsconfig. This reader is bounded (every length
 * is checked against the bytes present, at most 4 length octets, no indefinite form, nesting only
 * as deep as the caller walks) and fuzzed in test/probe/nla-fuzz.test.ts.
 */

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  SEQUENCE: 0x30,
  /** Constructed, context-specific [n]: 0xa0 | n. */
  context: (n: number) => 0xa0 | n,
} as const;

export interface Tlv {
  tag: number;
  /** The value bytes (a view, not a copy). */
  value: Buffer;
  /** Bytes of the whole TLV, header included. */
  size: number;
}

export type TlvRead = { ok: true; tlv: Tlv } | { ok: false; need: number | null; reason: string };

/**
 * Reads the TLV at `offset`. `need` says how many bytes in all the TLV takes when the buffer only
 * holds its beginning (so a stream reader knows how long to wait), or null when it is broken.
 */
export function readTlv(buf: Buffer, offset = 0): TlvRead {
  const at = (i: number) => buf[offset + i];
  const tag = at(0);
  const first = at(1);
  if (tag === undefined || first === undefined) return { ok: false, need: offset + 2, reason: 'the header is cut short' };
  if ((tag & 0x1f) === 0x1f) return { ok: false, need: null, reason: `multi-byte tag 0x${tag.toString(16)}` };
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0) return { ok: false, need: null, reason: 'indefinite length (BER, not DER)' };
    if (n > 4) return { ok: false, need: null, reason: `${n} length octets` };
    if (buf.length < offset + 2 + n) return { ok: false, need: offset + 2 + n, reason: 'the length is cut short' };
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (at(2 + i) ?? 0);
    header = 2 + n;
  }
  const end = offset + header + length;
  if (buf.length < end) return { ok: false, need: end, reason: `${length}-byte value, ${buf.length - offset - header} present` };
  return { ok: true, tlv: { tag, value: buf.subarray(offset + header, end), size: header + length } };
}

/** The TLVs inside a constructed value, in order; null if any of them is broken or cut. */
export function children(value: Buffer, max = 16): Tlv[] | null {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < value.length) {
    if (out.length >= max) return null;
    const r = readTlv(value, offset);
    if (!r.ok) return null;
    out.push(r.tlv);
    offset += r.tlv.size;
  }
  return out;
}

/** A non-negative INTEGER that fits in 32 bits, else null. */
export function readUint(tlv: Tlv): number | null {
  if (tlv.tag !== TAG.INTEGER || tlv.value.length === 0 || tlv.value.length > 5) return null;
  let v = 0;
  for (const b of tlv.value) v = v * 256 + b;
  // Two's complement: a leading 1 bit is negative. errorCode carries NTSTATUS values (0xC000....)
  // that Windows encodes as negative 32-bit integers, so those are folded back to unsigned.
  if ((tlv.value[0] ?? 0) & 0x80) v -= 2 ** (8 * tlv.value.length);
  if (v < 0 && v >= -(2 ** 31)) v += 2 ** 32;
  return v >= 0 && v <= 0xffffffff ? v : null;
}

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function encode(tag: number, ...parts: Buffer[]): Buffer {
  const value = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);
}

export function encodeUint(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (bytes.length === 0 || (bytes[0]! & 0x80) !== 0) bytes.unshift(0);
  return encode(TAG.INTEGER, Buffer.from(bytes));
}
