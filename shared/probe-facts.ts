import { z } from 'zod';
import { DnsFactsSchema, TcpFactsSchema, TcpStateSchema } from './network-facts';

/**
 * What the native RDP probe learns without credentials (MS-RDPBCGR 2.2.1.1 / 2.2.1.2): the
 * facts only, no judgement. Pure so the renderer can import it; the main process fills it in and
 * shared/diagnosis/wire/ and rank.ts turn it into findings. The JSON shape is the CLI's
 * `--json` output too, so fields are only ever added, never renamed (bump the version if ever).
 */

export const PROBE_FACTS_VERSION = 1;

/** requestedProtocols / selectedProtocol bits. RDP (standard RDP security) is the absence of bits. */
export const PROTOCOL = {
  RDP: 0x0,
  SSL: 0x1,
  HYBRID: 0x2,
  RDSTLS: 0x4,
  HYBRID_EX: 0x8,
  RDSAAD: 0x10,
} as const;
type ProtocolName = keyof typeof PROTOCOL;
const protocolNames = Object.keys(PROTOCOL) as ProtocolName[];

/** "SSL|HYBRID" for a bit mask; "RDP" for 0; unknown bits in hex. */
export function protocolMaskName(mask: number): string {
  if (mask === 0) return 'RDP';
  const names: string[] = [];
  let rest = mask >>> 0;
  for (const name of protocolNames) {
    const bit = PROTOCOL[name];
    if (bit !== 0 && (rest & bit) === bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  if (rest !== 0) names.push(`0x${rest.toString(16)}`);
  return names.join('|');
}

/** RDP_NEG_FAILURE codes, named as in the specification and explained for a person. */
export const NEGOTIATION_FAILURES: Record<number, { name: string; plain: string }> = {
  1: {
    name: 'SSL_REQUIRED_BY_SERVER',
    plain: 'The server only accepts TLS-protected connections and the request did not offer TLS.',
  },
  2: {
    name: 'SSL_NOT_ALLOWED_BY_SERVER',
    plain: 'The server is set to the old "RDP security layer" only and refuses TLS.',
  },
  3: {
    name: 'SSL_CERT_NOT_ON_SERVER',
    plain: 'The server has no certificate it can use for TLS (missing, or its private key cannot be read).',
  },
  4: {
    name: 'INCONSISTENT_FLAGS',
    plain: 'The server found the requested security protocols inconsistent with its settings.',
  },
  5: {
    name: 'HYBRID_REQUIRED_BY_SERVER',
    plain: 'The server requires Network Level Authentication (CredSSP).',
  },
  6: {
    name: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
    plain: 'The server requires TLS with user authentication.',
  },
};

export function failureName(code: number): string {
  return NEGOTIATION_FAILURES[code]?.name ?? `UNKNOWN_FAILURE_${code}`;
}

/** What a non-RDP answer looks like, from its first bytes. */
const NotRdpKindSchema = z.enum(['http', 'ssh', 'tls', 'text', 'binary']);
export type NotRdpKind = z.infer<typeof NotRdpKindSchema>;

/** How the server answered one X.224 Connection Request. Every reply ends in exactly one kind. */
export const ConfirmSchema = z.discriminatedUnion('kind', [
  /** RDP_NEG_RSP: the server picked a protocol. */
  z.object({ kind: z.literal('selected'), protocol: z.number(), protocolName: z.string(), flags: z.number() }),
  /** RDP_NEG_FAILURE: the server refused the request, with its reason. */
  z.object({ kind: z.literal('failure'), code: z.number(), codeName: z.string(), flags: z.number() }),
  /** 11-byte Connection Confirm with no negotiation data: a legacy, standard-RDP-security server. */
  z.object({ kind: z.literal('legacy') }),
  /** Something that is not RDP answered (a web server, SSH, a TLS-only service, a text banner). */
  z.object({ kind: z.literal('not-rdp'), looksLike: NotRdpKindSchema, sample: z.string() }),
  /** An RDP server hung up without a reason code (X.224 Disconnect Request, MCS Disconnect Provider Ultimatum). */
  z.object({ kind: z.literal('rejected'), how: z.enum(['x224-disconnect', 'mcs-disconnect']), sample: z.string() }),
  /** Starts like RDP (TPKT) but is broken: wrong lengths, wrong TPDU, unknown negotiation type. */
  z.object({ kind: z.literal('malformed'), reason: z.string(), sample: z.string() }),
  /** The server closed the connection (FIN) before a whole reply; afterBytes is what did arrive. */
  z.object({ kind: z.literal('closed'), afterBytes: z.number() }),
  /** The server reset the connection (RST). */
  z.object({ kind: z.literal('reset'), afterBytes: z.number() }),
  /** No whole reply within the stage timeout (afterBytes > 0: it started, then stalled or dripped). */
  z.object({ kind: z.literal('silent'), afterBytes: z.number(), waitedMs: z.number() }),
  /** This attempt's own TCP connection failed (the port stage had succeeded). */
  z.object({ kind: z.literal('connect-failed'), state: TcpStateSchema, error: z.string().nullable() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type Confirm = z.infer<typeof ConfirmSchema>;

const TlsVersionSchema = z.enum(['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1']);
export type TlsVersion = z.infer<typeof TlsVersionSchema>;
export const tlsVersions = TlsVersionSchema.options;

const CertificateSchema = z.object({
  subject: z.string(),
  /** The subject's common name, which Windows puts the computer name in. */
  commonName: z.string().nullable(),
  /** subjectAltName entries as "DNS:name" / "IP Address:1.2.3.4". */
  subjectAltNames: z.array(z.string()),
  issuer: z.string(),
  serialNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** Whole days until validTo at probe time; negative once expired. */
  daysLeft: z.number(),
  expired: z.boolean(),
  notYetValid: z.boolean(),
  selfSigned: z.boolean(),
  /** 'rsa', 'rsa-pss', 'ec', 'ed25519', ... */
  keyType: z.string().nullable(),
  keyBits: z.number().nullable(),
  curve: z.string().nullable(),
  /** e.g. 'sha256WithRSAEncryption', or the dotted OID when unknown. */
  signatureAlgorithm: z.string().nullable(),
  /** Upper-case hex, no separators: what Windows calls the thumbprint. */
  sha1: z.string(),
  sha256: z.string(),
  /** Whether the certificate names the host the user typed (checkHost / checkIP). */
  nameMatches: z.boolean(),
});
export type CertificateFacts = z.infer<typeof CertificateSchema>;

export const TlsOutcomeSchema = z.enum([
  'ok',
  /** The server sent a TLS alert (protocol_version, handshake_failure, internal_error, ...). */
  'alert',
  /** The server reset the connection during the handshake (the classic broken-key symptom). */
  'reset',
  /** The server closed the connection during the handshake. */
  'closed',
  /** What came back is not TLS. */
  'not-tls',
  'timeout',
  /** This client could not even offer the version (local OpenSSL refuses it). */
  'unsupported-locally',
  'error',
  'cancelled',
]);
export type TlsOutcome = z.infer<typeof TlsOutcomeSchema>;

export const TlsHandshakeSchema = z.object({
  outcome: TlsOutcomeSchema,
  /** Negotiated version ('TLSv1.3', ...) when outcome is ok. */
  version: z.string().nullable(),
  cipher: z.string().nullable(),
  /** OpenSSL's error code or alert text when not ok. */
  error: z.string().nullable(),
  certificate: CertificateSchema.nullable(),
  ms: z.number(),
});
export type TlsHandshake = z.infer<typeof TlsHandshakeSchema>;

/**
 * What the server's NTLM CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2) says about it: its names from the
 * target info AV pairs (2.2.2.1), its clock (MsvAvTimestamp) and its OS VERSION (2.2.2.10).
 * Windows fills these in truthfully; other servers may not (FreeRDP reports 6.1.7601 everywhere).
 */
const NtlmChallengeSchema = z.object({
  /** TargetName: the domain for a domain member, else the computer's NetBIOS name. */
  targetName: z.string().nullable(),
  netbiosComputer: z.string().nullable(),
  netbiosDomain: z.string().nullable(),
  dnsComputer: z.string().nullable(),
  dnsDomain: z.string().nullable(),
  /** The forest's DNS name (domain members only). */
  dnsTree: z.string().nullable(),
  /** The server's clock (ISO), from MsvAvTimestamp. */
  serverTime: z.string().nullable(),
  /** Server clock minus ours when the reply arrived, in ms (Kerberos breaks past 5 minutes). */
  clockSkewMs: z.number().nullable(),
  /** major.minor.build as the server reports it (10.0.20348 is Windows Server 2022). */
  osVersion: z.object({ major: z.number(), minor: z.number(), build: z.number(), ntlmRevision: z.number() }).nullable(),
  /** From the NTLMSSP_TARGET_TYPE_DOMAIN / _SERVER flags: a domain member or a workgroup computer. */
  targetType: z.enum(['domain', 'server', 'unknown']),
  negotiateFlags: z.number(),
});
export type NtlmChallenge = z.infer<typeof NtlmChallengeSchema>;

export const NlaOutcomeSchema = z.enum([
  /** The server answered the NTLM NEGOTIATE with a CHALLENGE: names and version are known. */
  'challenge',
  /** A TSRequest with errorCode set (an NTSTATUS): the server refused to go on (MS-CSSP v3+). */
  'error-code',
  /** A TSRequest without an NTLM CHALLENGE in it (another package, e.g. only Kerberos). */
  'no-challenge',
  /** What came back is not a TSRequest, or its CHALLENGE is broken. */
  'malformed',
  /** The server closed the connection instead of answering (NTLM refused, or not CredSSP). */
  'closed',
  'reset',
  'timeout',
  'cancelled',
  'error',
]);
export type NlaOutcome = z.infer<typeof NlaOutcomeSchema>;

/** The CredSSP stage after TLS with HYBRID selected: one NTLM NEGOTIATE, the answer, then close. */
export const NlaFactsSchema = z.object({
  outcome: NlaOutcomeSchema,
  /** The TSRequest version the server announced (2..6); below 5 predates the 2018 CredSSP fix. */
  credsspVersion: z.number().nullable(),
  /** TSRequest errorCode (NTSTATUS, unsigned) when outcome is error-code. */
  errorCode: z.number().nullable(),
  challenge: NtlmChallengeSchema.nullable(),
  /** Why, when the outcome is not challenge. */
  error: z.string().nullable(),
  ms: z.number(),
});
export type NlaFacts = z.infer<typeof NlaFactsSchema>;

const NegotiationAttemptSchema = z.object({
  /** requestedProtocols sent in RDP_NEG_REQ. */
  requested: z.number(),
  requestedName: z.string(),
  confirm: ConfirmSchema,
  /** The TLS handshake done on the same socket when the server selected a TLS-based protocol. */
  tls: TlsHandshakeSchema.nullable(),
  /** The CredSSP stage on the same connection, when the server selected HYBRID and TLS worked. */
  nla: NlaFactsSchema.optional(),
  ms: z.number(),
});
export type NegotiationAttempt = z.infer<typeof NegotiationAttemptSchema>;

const VerdictSchema = z.enum(['yes', 'no', 'unknown']);
export type Verdict = z.infer<typeof VerdictSchema>;

const TlsVersionProbeSchema = z.object({
  version: TlsVersionSchema,
  accepted: VerdictSchema,
  outcome: z.union([TlsOutcomeSchema, z.literal('not-attempted')]),
  cipher: z.string().nullable(),
  error: z.string().nullable(),
  ms: z.number(),
});
export type TlsVersionProbe = z.infer<typeof TlsVersionProbeSchema>;

const AcceptedSchema = z.object({
  RDP: VerdictSchema,
  SSL: VerdictSchema,
  HYBRID: VerdictSchema,
  RDSTLS: VerdictSchema,
  HYBRID_EX: VerdictSchema,
});
export type Accepted = z.infer<typeof AcceptedSchema>;
/** The protocols the probe gives a verdict on, in report order. */
export const acceptedNames = Object.keys(AcceptedSchema.shape) as (keyof Accepted)[];

/** The handshake as seen on one open address. */
const AddressProbeSchema = z.object({
  address: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  negotiation: z.array(NegotiationAttemptSchema),
  /** Per protocol: did the server select it when asked in the way that isolates it. */
  accepted: AcceptedSchema,
  /** The certificate and session a current client gets (first successful TLS handshake). */
  tls: TlsHandshakeSchema.nullable(),
  tlsVersions: z.array(TlsVersionProbeSchema),
  /**
   * What the server said before any credentials (NTLM over CredSSP): its names, OS build, clock
   * and CredSSP version. Absent when the probe did not get that far (HYBRID not selected, TLS
   * failed, or the stage was turned off); older reports never have it.
   */
  nla: NlaFactsSchema.optional(),
  ms: z.number(),
});
export type AddressProbe = z.infer<typeof AddressProbeSchema>;

export const ProbeReportSchema = z.object({
  version: z.literal(PROBE_FACTS_VERSION),
  target: z.object({ host: z.string(), port: z.number() }),
  startedAt: z.string(),
  durationMs: z.number(),
  dns: DnsFactsSchema,
  tcp: TcpFactsSchema,
  /** One entry per address whose port was open (at most a few; see probe.ts). */
  addresses: z.array(AddressProbeSchema),
  /** Set when the probe stopped early: the overall timeout, or the caller cancelled. */
  interrupted: z.enum(['timeout', 'cancelled']).nullable(),
});
export type ProbeReport = z.infer<typeof ProbeReportSchema>;

/**
 * The certificate thumbprints the probe saw (SHA-1, upper-case hex, one per distinct certificate),
 * from every TLS handshake on every address. This is the form of the Remote Desktop client's
 * pinned `CertHash` (HKCU\Software\Microsoft\Terminal Server Client\Servers\<host>, REG_BINARY,
 * the 20-byte SHA-1 thumbprint of the certificate the user accepted): see certHashMatches.
 */
export function seenThumbprints(report: ProbeReport): string[] {
  const all = report.addresses.flatMap((a) => [a.tls, ...a.negotiation.map((n) => n.tls)]);
  return [...new Set(all.flatMap((t) => (t?.certificate ? [t.certificate.sha1.toUpperCase()] : [])))];
}

/**
 * Compares a pinned CertHash (hex, any case, spaces / colons / dashes allowed) with what the
 * probe saw: 'unknown' when the probe saw no certificate or the value is not a SHA-1 hash.
 */
export function certHashMatches(certHashHex: string, report: ProbeReport): 'match' | 'mismatch' | 'unknown' {
  const pinned = certHashHex.replace(/[\s:-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{40}$/.test(pinned)) return 'unknown';
  const seen = seenThumbprints(report);
  if (seen.length === 0) return 'unknown';
  return seen.includes(pinned) ? 'match' : 'mismatch';
}

/**
 * Windows releases by the build in the NTLM VERSION field, from Microsoft's release information
 * (learn.microsoft.com/windows/release-health/release-information, .../windows11-release-information,
 * learn.microsoft.com/windows-server/get-started/windows-server-release-info). NTLM says nothing
 * of client vs server, so releases that share a build are named together. The build is not the
 * patch level (no UBR in NTLM): whether the server has the 2018 CredSSP update shows in
 * NlaFacts.credsspVersion instead.
 */
const WINDOWS_BUILDS: Record<number, string> = {
  6002: 'Windows Vista SP2 / Server 2008 SP2',
  7600: 'Windows 7 / Server 2008 R2',
  7601: 'Windows 7 SP1 / Server 2008 R2 SP1',
  9200: 'Windows 8 / Server 2012',
  9600: 'Windows 8.1 / Server 2012 R2',
  10240: 'Windows 10 1507',
  10586: 'Windows 10 1511',
  14393: 'Windows 10 1607 / Server 2016',
  15063: 'Windows 10 1703',
  16299: 'Windows 10 1709 / Server 1709',
  17134: 'Windows 10 1803 / Server 1803',
  17763: 'Windows 10 1809 / Server 2019',
  18362: 'Windows 10 1903 / Server 1903',
  18363: 'Windows 10 1909 / Server 1909',
  19041: 'Windows 10 2004 / Server 2004',
  19042: 'Windows 10 20H2 / Server 20H2',
  19043: 'Windows 10 21H1',
  19044: 'Windows 10 21H2',
  19045: 'Windows 10 22H2',
  20348: 'Windows Server 2022',
  22000: 'Windows 11 21H2',
  22621: 'Windows 11 22H2',
  22631: 'Windows 11 23H2',
  25398: 'Windows Server 23H2',
  26100: 'Windows 11 24H2 / Server 2025',
  26200: 'Windows 11 25H2',
};

/** The release a server's NTLM VERSION names, or null for a build this table does not know. */
export function windowsRelease(v: { major: number; minor: number; build: number } | null | undefined): string | null {
  if (!v) return null;
  const name = WINDOWS_BUILDS[v.build];
  // Builds below 10240 belong to one major.minor each; a mismatch means a non-Windows server.
  const nt =
    v.build >= 10240
      ? v.major === 10 && v.minor === 0
      : `${v.major}.${v.minor}` === { 6002: '6.0', 7600: '6.1', 7601: '6.1', 9200: '6.2', 9600: '6.3' }[v.build];
  return name && nt ? name : null;
}
