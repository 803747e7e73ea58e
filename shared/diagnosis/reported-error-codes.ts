import type { Finding } from '../results';

/**
 * What the code in Remote Desktop's error box says, and which causes it points to. Names and
 * meanings are Microsoft's, from IMsTscAxEvents::OnDisconnected
 * (https://learn.microsoft.com/en-us/windows/win32/termserv/imstscaxevents-ondisconnected).
 * A user who answers "A different error now" gives one of these; the causes it points to move up.
 */
interface KnownCode {
  name: string;
  meaning: string;
  /** Finding ids this error is a symptom of. */
  causes: readonly string[];
}

const NAME = ['name-does-not-resolve'];
const REACH = [
  'port-closed',
  'port-filtered',
  'firewall-blocks-rdp',
  'rdp-disabled',
  'rdp-services-stopped',
  'rdp-listener-problem',
  'vpn-drops-udp',
];
const SECURITY = [
  'certificate-unusable',
  'rdp-key-unreadable',
  'tls-disabled',
  'tls-refused',
  'tls-reset',
  'security-settings-conflict',
  'credssp-outdated',
  'fips-required',
];

const KNOWN_CODES: Record<number, KnownCode> = {
  260: { name: 'disconnectReasonDNSLookupFailed', meaning: 'DNS name lookup failure', causes: NAME },
  520: { name: 'disconnectReasonHostNotFound', meaning: 'Host not found error', causes: NAME },
  1288: { name: 'disconnectReasonDNSLookupFailed2', meaning: 'DNS lookup failed', causes: NAME },
  1540: { name: 'disconnectReasonGetHostByNameFailed', meaning: 'Windows Sockets gethostbyname call failed', causes: NAME },
  264: { name: 'disconnectReasonConnectionTimedOut', meaning: 'Connection timed out', causes: REACH },
  516: { name: 'disconnectReasonSocketConnectFailed', meaning: 'Windows Sockets connect failed', causes: REACH },
  2308: { name: 'disconnectReasonAtClientWinsockFDCLOSE', meaning: 'Socket closed', causes: SECURITY },
  1030: { name: 'disconnectReasonInvalidSecurityData', meaning: 'Invalid security data', causes: SECURITY },
  1542: { name: 'disconnectReasonInvalidServerSecurityInfo', meaning: 'Invalid server security data', causes: SECURITY },
  2310: { name: 'disconnectReasonInternalSecurityError', meaning: 'Internal security error', causes: SECURITY },
  2566: { name: 'disconnectReasonInternalSecurityError2', meaning: 'Internal security error', causes: SECURITY },
};

/** "0x204" or "516" → 516; null for anything else. */
function parseReportedCode(code: string): number | null {
  const t = code.trim();
  const n = /^0x[0-9a-f]{1,8}$/i.test(t) ? parseInt(t.slice(2), 16) : /^\d{1,10}$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

const BOOST = 15;
/** A cause of another family cannot produce this error (a certificate does not stop TCP connecting). */
const OTHER_FAMILY = 40;
const FAMILIES = [NAME, REACH, SECURITY];

/**
 * The causes the reported error points to move up, each with the code as evidence; causes of the
 * other families (name, reach, security) move down; the rest stay. An unknown code changes no
 * ranking (it is shown, not guessed at).
 */
export function considerReportedError(findings: Finding[], reported: string | undefined): Finding[] {
  if (!reported) return findings;
  const code = parseReportedCode(reported);
  const known = code === null ? undefined : KNOWN_CODES[code];
  if (!known) return findings;
  const others = new Set(FAMILIES.filter((family) => family !== known.causes).flat());
  return findings.map((f) => {
    if (others.has(f.id) && !known.causes.includes(f.id)) return { ...f, score: Math.max(0, f.score - OTHER_FAMILY) };
    if (!known.causes.includes(f.id) || f.contradicted) return f;
    const checkId = f.evidence[0]?.checkId ?? 'rdp-handshake';
    return {
      ...f,
      score: f.score + BOOST,
      evidence: [
        ...f.evidence,
        { checkId, label: 'The error you see now', value: `${reported} (${known.name}: ${known.meaning}) points to this.` },
      ],
    };
  });
}
