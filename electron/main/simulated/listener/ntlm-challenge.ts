/**
 * The NTLM CHALLENGE a Windows RDP listener sends inside CredSSP (MS-CSSP 2.2.1, MS-NLMP
 * 2.2.1.2): the simulated listener serves it, the probe's tests and fake servers build it.
 */

/** What a Windows server puts in its CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2, 3.2.5.1.1). */
export interface WindowsIdentity {
  netbiosComputer: string;
  /** The domain's NetBIOS name for a domain member; the computer's own name in a workgroup. */
  netbiosDomain: string;
  dnsComputer: string;
  dnsDomain: string;
  /** Forest name: domain members only. */
  dnsTree: string | null;
  member: boolean;
  version: { major: number; minor: number; build: number };
  credsspVersion: number;
  /** The server's clock; default now. */
  time?: Date;
}

function der(tag: number, value: Buffer): Buffer {
  const n = value.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, value]);
}

/** TSRequest { version [0], negoTokens [1] { { [0] token } }, errorCode [4] } (MS-CSSP 2.2.1), DER. */
export function tsRequest(version: number, token: Buffer | null, errorCode?: number): Buffer {
  const parts = [der(0xa0, der(0x02, Buffer.from([version])))];
  if (token) parts.push(der(0xa1, der(0x30, der(0x30, der(0xa0, der(0x04, token))))));
  if (errorCode !== undefined) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(errorCode | 0);
    parts.push(der(0xa4, der(0x02, b)));
  }
  return der(0x30, Buffer.concat(parts));
}

/**
 * CHALLENGE_MESSAGE laid out as MS-NLMP 2.2.1.2 draws it: 56-byte header with TargetName and
 * TargetInfo fields and VERSION (2.2.2.10), then the payload; target info AV pairs (2.2.2.1) in the
 * order Windows sends them, names in UTF-16LE, MsvAvTimestamp a FILETIME, MsvAvEOL last.
 */
export function ntlmChallenge(id: WindowsIdentity): Buffer {
  const u = (s: string) => Buffer.from(s, 'utf16le');
  const av = (avId: number, value: Buffer) => {
    const h = Buffer.alloc(4);
    h.writeUInt16LE(avId, 0);
    h.writeUInt16LE(value.length, 2);
    return Buffer.concat([h, value]);
  };
  const filetime = Buffer.alloc(8);
  filetime.writeBigUInt64LE((BigInt((id.time ?? new Date()).getTime()) + 11_644_473_600_000n) * 10_000n);
  const info = Buffer.concat([
    av(2, u(id.netbiosDomain)),
    av(1, u(id.netbiosComputer)),
    av(4, u(id.dnsDomain)),
    av(3, u(id.dnsComputer)),
    ...(id.dnsTree ? [av(5, u(id.dnsTree))] : []),
    av(7, filetime),
    av(0, Buffer.alloc(0)),
  ]);
  const target = u(id.member ? id.netbiosDomain : id.netbiosComputer);
  // UNICODE, REQUEST_TARGET, NTLM, ALWAYS_SIGN, TARGET_TYPE_DOMAIN|SERVER, EXTENDED_SESSIONSECURITY,
  // TARGET_INFO, VERSION, 128, KEY_EXCH, 56 (MS-NLMP 2.2.2.5).
  const flags =
    (0x1 |
      0x4 |
      0x200 |
      0x8000 |
      (id.member ? 0x10000 : 0x20000) |
      0x80000 |
      0x800000 |
      0x2000000 |
      0x20000000 |
      0x40000000 |
      0x80000000) >>>
    0;
  const h = Buffer.alloc(56);
  h.write('NTLMSSP\0', 0, 'latin1');
  h.writeUInt32LE(2, 8);
  h.writeUInt16LE(target.length, 12);
  h.writeUInt16LE(target.length, 14);
  h.writeUInt32LE(56, 16);
  h.writeUInt32LE(flags, 20);
  for (let i = 0; i < 8; i++) h[24 + i] = (i * 37 + 11) & 0xff; // ServerChallenge
  h.writeUInt16LE(info.length, 40);
  h.writeUInt16LE(info.length, 42);
  h.writeUInt32LE(56 + target.length, 44);
  h.writeUInt8(id.version.major, 48);
  h.writeUInt8(id.version.minor, 49);
  h.writeUInt16LE(id.version.build, 50);
  h.writeUInt8(15, 55); // NTLMSSP_REVISION_W2K3
  return Buffer.concat([h, target, info]);
}
