import { TAG, children, encode, encodeUint, readTlv, readUint } from './der';

/**
 * CredSSP's TSRequest (MS-CSSP 2.2.1): the envelope NTLM rides in, inside TLS.
 *   TSRequest ::= SEQUENCE { version [0] INTEGER, negoTokens [1] NegoData OPTIONAL,
 *     authInfo [2] OCTET STRING OPTIONAL, pubKeyAuth [3] OCTET STRING OPTIONAL,
 *     errorCode [4] INTEGER OPTIONAL, clientNonce [5] OCTET STRING OPTIONAL }
 *   NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }
 */

/** The version a current client announces (MS-CSSP: 2 to 6; 5 and up carry the CVE-2018-0886 fix). */
const CREDSSP_VERSION = 6;
/** A server's answer carrying a CHALLENGE is well under 2 KB; reading stops here whatever comes. */
export const MAX_TSREQUEST_LENGTH = 16 * 1024;

export function buildTsRequest(negoToken: Buffer, version = CREDSSP_VERSION): Buffer {
  const token = encode(TAG.SEQUENCE, encode(TAG.context(0), encode(TAG.OCTET_STRING, negoToken)));
  return encode(TAG.SEQUENCE, encode(TAG.context(0), encodeUint(version)), encode(TAG.context(1), encode(TAG.SEQUENCE, token)));
}

interface TsRequest {
  version: number;
  /** The first negoToken, when the server sent any. */
  negoToken: Buffer | null;
  /** errorCode [4]: an NTSTATUS the server reports instead of continuing (version 3 and up). */
  errorCode: number | null;
}

export type TsRequestRead =
  { done: false } | { done: true; ok: true; request: TsRequest; consumed: number } | { done: true; ok: false; reason: string };

const broken = (reason: string): TsRequestRead => ({ done: true, ok: false, reason });

/**
 * Reads a TSRequest from the bytes received so far. Asks for more only while the outer SEQUENCE
 * is incomplete and within MAX_TSREQUEST_LENGTH; `final` (stream ended) turns that into a reason.
 */
export function readTsRequest(buf: Buffer, final: boolean): TsRequestRead {
  if (buf.length === 0) return final ? broken('no reply') : { done: false };
  if (buf[0] !== TAG.SEQUENCE) return broken(`reply starts with 0x${buf[0]!.toString(16)}, not a DER SEQUENCE`);
  const outer = readTlv(buf);
  if (!outer.ok) {
    if (outer.need === null) return broken(outer.reason);
    if (outer.need > MAX_TSREQUEST_LENGTH) return broken(`a ${outer.need}-byte TSRequest is far longer than a CHALLENGE`);
    return final ? broken(`reply ended early: ${outer.reason}`) : { done: false };
  }
  const fields = children(outer.tlv.value, 8);
  if (!fields) return broken('the TSRequest fields are not well-formed DER');
  let version: number | null = null;
  let negoToken: Buffer | null = null;
  let errorCode: number | null = null;
  let last = -1;
  for (const f of fields) {
    const n = f.tag & 0x1f;
    if ((f.tag & 0xe0) !== 0xa0 || n > 5) return broken(`unexpected field tag 0x${f.tag.toString(16)}`);
    if (n <= last) return broken('TSRequest fields out of order');
    last = n;
    const inner = children(f.value, 1)?.[0];
    if (!inner) return broken(`field [${n}] is empty or malformed`);
    if (n === 0) version = readUint(inner);
    else if (n === 4) errorCode = readUint(inner);
    else if (n === 1) {
      // NegoData: SEQUENCE OF SEQUENCE { [0] OCTET STRING }; the first token is the one we need.
      if (inner.tag !== TAG.SEQUENCE) return broken('negoTokens is not a SEQUENCE OF');
      const item = children(inner.value, 4)?.[0];
      const tagged = item && item.tag === TAG.SEQUENCE ? children(item.value, 1)?.[0] : undefined;
      const octets = tagged && tagged.tag === TAG.context(0) ? children(tagged.value, 1)?.[0] : undefined;
      if (!octets || octets.tag !== TAG.OCTET_STRING) return broken('negoToken is not an OCTET STRING');
      negoToken = octets.value;
    }
  }
  if (version === null) return broken('TSRequest without a version');
  return { done: true, ok: true, request: { version, negoToken, errorCode }, consumed: outer.tlv.size };
}
