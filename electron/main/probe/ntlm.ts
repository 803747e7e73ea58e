import type { NtlmChallenge } from '../../../shared/probe-facts';

/**
 * NTLM (MS-NLMP) as far as a probe goes without credentials: the NEGOTIATE_MESSAGE it sends and
 * the CHALLENGE_MESSAGE it reads. Never an AUTHENTICATE_MESSAGE: nothing here can count as a
 * failed logon.
 */

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** NegotiateFlags (MS-NLMP 2.2.2.5). */
const NTLM_FLAG = {
  UNICODE: 0x00000001,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  TARGET_TYPE_SERVER: 0x00020000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  N128: 0x20000000,
  N56: 0x80000000,
} as const;

/** AvId values of the target info AV_PAIRs (MS-NLMP 2.2.2.1). */
const AV = { EOL: 0, NB_COMPUTER: 1, NB_DOMAIN: 2, DNS_COMPUTER: 3, DNS_DOMAIN: 4, DNS_TREE: 5, FLAGS: 6, TIMESTAMP: 7 } as const;

/** A CHALLENGE_MESSAGE with a target info block is a few hundred bytes; this is far past any real one. */
const MAX_CHALLENGE_LENGTH = 8 * 1024;
/** A DNS name is at most 255 characters; a longer AV value is not one. */
const MAX_NAME_CHARS = 255;
const MAX_AV_PAIRS = 32;

/**
 * What a current Windows client sends: Unicode, target requested, NTLM with extended session
 * security, and NEGOTIATE_VERSION so the server answers with its own VERSION. No domain, no
 * workstation name: the message says nothing about who is asking.
 */
export function buildNegotiate(): Buffer {
  const flags =
    NTLM_FLAG.UNICODE |
    NTLM_FLAG.REQUEST_TARGET |
    NTLM_FLAG.NTLM |
    NTLM_FLAG.ALWAYS_SIGN |
    NTLM_FLAG.EXTENDED_SESSIONSECURITY |
    NTLM_FLAG.VERSION |
    NTLM_FLAG.N128 |
    NTLM_FLAG.N56;
  const b = Buffer.alloc(40);
  SIGNATURE.copy(b, 0);
  b.writeUInt32LE(1, 8); // NtLmNegotiate
  b.writeUInt32LE(flags >>> 0, 12);
  // DomainNameFields and WorkstationFields (16..31): empty, offsets 0.
  // VERSION (32..39): MS-NLMP 2.2.2.10 says it is for debugging only; only the revision is set.
  b.writeUInt8(0x0f, 39); // NTLMSSP_REVISION_W2K3
  return b;
}

export type ChallengeParse = { ok: true; challenge: NtlmChallenge } | { ok: false; reason: string };

/** A payload field (len, maxLen, offset) checked against the message bounds. */
function field(msg: Buffer, at: number): Buffer | null | 'bad' {
  const len = msg.readUInt16LE(at);
  const offset = msg.readUInt32LE(at + 4);
  if (len === 0) return null;
  if (offset > msg.length || len > msg.length - offset) return 'bad';
  return msg.subarray(offset, offset + len);
}

/** UTF-16LE (or OEM bytes when Unicode was not negotiated), control characters made visible. */
function text(bytes: Buffer, unicode: boolean): string {
  const s = unicode ? bytes.subarray(0, bytes.length & ~1).toString('utf16le') : bytes.toString('latin1');
  return s.slice(0, MAX_NAME_CHARS).replace(/[\u0000-\u001f\u007f]/g, '?');
}

/** FILETIME (100 ns ticks since 1601-01-01 UTC) to an ISO date, or null when absurd. */
function filetime(bytes: Buffer): string | null {
  if (bytes.length !== 8) return null;
  const ticks = bytes.readBigUInt64LE(0);
  const ms = Number(ticks / 10_000n) - 11_644_473_600_000;
  // Before 2000 or after 2200: not a clock reading anyone should compare against.
  if (!Number.isFinite(ms) || ms < 946_684_800_000 || ms > 7_258_118_400_000) return null;
  return new Date(ms).toISOString();
}

/**
 * Parses a CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2). Total: every input gives a challenge or a reason.
 * `receivedAt` is our clock when it arrived, for the skew between the two clocks.
 */
export function parseChallenge(msg: Buffer, receivedAt: Date): ChallengeParse {
  if (msg.length > MAX_CHALLENGE_LENGTH) return { ok: false, reason: `${msg.length} bytes, far longer than a CHALLENGE_MESSAGE` };
  if (msg.length < 32) return { ok: false, reason: `${msg.length} bytes, shorter than a CHALLENGE_MESSAGE header` };
  if (!msg.subarray(0, 8).equals(SIGNATURE)) return { ok: false, reason: 'no NTLMSSP signature' };
  const type = msg.readUInt32LE(8);
  if (type !== 2) return { ok: false, reason: `NTLM message type ${type}, expected 2 (CHALLENGE)` };
  const flags = msg.readUInt32LE(20);
  const unicode = (flags & NTLM_FLAG.UNICODE) !== 0;
  const targetNameBytes = field(msg, 12);
  if (targetNameBytes === 'bad') return { ok: false, reason: 'TargetName points outside the message' };
  // TargetInfoFields and VERSION follow the fixed 32 bytes; a message that stops before them has none.
  const infoBytes = msg.length >= 48 ? field(msg, 40) : null;
  if (infoBytes === 'bad') return { ok: false, reason: 'TargetInfo points outside the message' };
  const names = { netbiosComputer: null, netbiosDomain: null, dnsComputer: null, dnsDomain: null, dnsTree: null } as Pick<
    NtlmChallenge,
    'netbiosComputer' | 'netbiosDomain' | 'dnsComputer' | 'dnsDomain' | 'dnsTree'
  >;
  let serverTime: string | null = null;
  if (infoBytes) {
    let at = 0;
    for (let n = 0; n < MAX_AV_PAIRS && at + 4 <= infoBytes.length; n++) {
      const id = infoBytes.readUInt16LE(at);
      const len = infoBytes.readUInt16LE(at + 2);
      if (id === AV.EOL) break;
      if (at + 4 + len > infoBytes.length) return { ok: false, reason: `AV pair ${id} runs past the target info` };
      const value = infoBytes.subarray(at + 4, at + 4 + len);
      // Target info strings are always Unicode (MS-NLMP 2.2.2.1), whatever the flags say.
      if (id === AV.NB_COMPUTER) names.netbiosComputer ??= text(value, true);
      else if (id === AV.NB_DOMAIN) names.netbiosDomain ??= text(value, true);
      else if (id === AV.DNS_COMPUTER) names.dnsComputer ??= text(value, true);
      else if (id === AV.DNS_DOMAIN) names.dnsDomain ??= text(value, true);
      else if (id === AV.DNS_TREE) names.dnsTree ??= text(value, true);
      else if (id === AV.TIMESTAMP) serverTime ??= filetime(value);
      at += 4 + len;
    }
  }
  const hasVersion = (flags & NTLM_FLAG.VERSION) !== 0 && msg.length >= 56;
  const major = hasVersion ? msg.readUInt8(48) : 0;
  const osVersion =
    hasVersion && major > 0 ? { major, minor: msg.readUInt8(49), build: msg.readUInt16LE(50), ntlmRevision: msg.readUInt8(55) } : null;
  const targetType = flags & NTLM_FLAG.TARGET_TYPE_DOMAIN ? 'domain' : flags & NTLM_FLAG.TARGET_TYPE_SERVER ? 'server' : 'unknown';
  return {
    ok: true,
    challenge: {
      targetName: targetNameBytes ? text(targetNameBytes, unicode) : null,
      ...names,
      serverTime,
      clockSkewMs: serverTime ? Date.parse(serverTime) - receivedAt.getTime() : null,
      osVersion,
      targetType,
      negotiateFlags: flags >>> 0,
    },
  };
}
