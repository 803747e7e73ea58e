import {
  OutboundFactsSchema,
  ClientTlsFactsSchema,
  ClientUdpFactsSchema,
  ConnectionDataFactsSchema,
  CredSspPolicyFactsSchema,
  LicenseCacheFactsSchema,
  NetworkFactsSchema,
  RdpClientLogFactsSchema,
  SavedCredentialsFactsSchema,
  UpdatesFactsSchema,
  type Adapter,
  type RdpClientEvent,
  type RdpClientLogFacts,
} from '../../catalog/client/scripts';
import type { clientChecks } from '../../catalog/client/checks';
import type { Evaluation, Evaluator } from '../types';
import { schannelOff, schannelState, type SchannelState } from '../schannel';
import { DAY_MS, isoDay } from '../../days';
import { evaluatePinnedCertificate, evaluateRdpApp } from './app-evaluate';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// --- Saved credentials -------------------------------------------------------------------------

/**
 * Whether a cmdkey target is a Remote Desktop password for this host: "TERMSRV/<host>" or
 * "TERMSRV/<host>:<port>", any "Domain:target=" style prefix, case-insensitive (Windows is).
 * The .ps1 applies the same test.
 */
export function credentialMatches(target: string, host: string, port: number): boolean {
  const at = target.toUpperCase().indexOf('TERMSRV/');
  if (at < 0) return false;
  const name = target.slice(at + 'TERMSRV/'.length).toLowerCase();
  const h = host.toLowerCase();
  return name === h || name === `${h}:${port}`;
}

function evaluateCredentials(raw: unknown): Evaluation {
  const f = SavedCredentialsFactsSchema.parse(raw);
  const mine = f.entries.filter((e) => credentialMatches(e, f.host, f.port));
  if (mine.length > 0) {
    const names = mine.map((e) => e.slice(e.toUpperCase().indexOf('TERMSRV/'))).join(', ');
    return {
      status: 'fail',
      summary: `Windows has a saved Remote Desktop password for ${f.host} (${names}). If that password changed, it is sent again every time.`,
    };
  }
  const others = f.entries.length;
  return {
    status: 'pass',
    summary: `No saved Remote Desktop password for ${f.host}${others ? ` (${plural(others, 'saved entry', 'saved entries')} for other computers)` : ''}.`,
  };
}

// --- Default.rdp and the bitmap cache ----------------------------------------------------------

function evaluateConnectionData(raw: unknown): Evaluation {
  const { defaultRdp: rdp, bitmapCache: cache } = ConnectionDataFactsSchema.parse(raw);
  const problems: string[] = [];
  if (rdp.exists && (rdp.bytes === 0 || rdp.lines === 0)) problems.push('Default.rdp is empty');
  else if (rdp.exists && rdp.badLines > 0) problems.push(`Default.rdp has ${plural(rdp.badLines, 'damaged line')} of ${rdp.lines}`);
  if (cache.emptyFiles > 0) problems.push(`the bitmap cache has ${plural(cache.emptyFiles, 'empty file')} (a write that never finished)`);
  if (problems.length > 0) {
    const text = problems.join('; ');
    return { status: 'fail', summary: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
  }
  const rdpText = rdp.exists
    ? `Default.rdp looks fine (${rdp.lines} settings${rdp.lastWrite ? `, saved ${isoDay(rdp.lastWrite)}` : ''})`
    : 'No Default.rdp yet';
  const mb = (cache.bytes / 1_048_576).toFixed(1);
  const cacheText =
    cache.exists && cache.files > 0 ? `the bitmap cache holds ${plural(cache.files, 'file')} (${mb} MB)` : 'the bitmap cache is empty';
  return { status: 'pass', summary: `${rdpText}; ${cacheText}.` };
}

// --- MSLicensing -------------------------------------------------------------------------------

function evaluateLicenseCache(raw: unknown): Evaluation {
  const f = LicenseCacheFactsSchema.parse(raw);
  if (!f.exists) {
    return {
      status: 'pass',
      summary: 'There is no license cache yet; Remote Desktop creates it the first time a server hands out a license.',
    };
  }
  const missing = [!f.hasHardwareId && 'HardwareID', !f.hasStore && 'Store'].filter(Boolean);
  if (missing.length > 0) {
    return {
      status: 'fail',
      summary: `The license cache is incomplete: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing from HKLM\\SOFTWARE\\Microsoft\\MSLicensing.`,
    };
  }
  return { status: 'pass', summary: `The license cache is complete (${plural(f.storeLicenses, 'stored license')}).` };
}

// --- CredSSP -----------------------------------------------------------------------------------

const ORACLE_NAMES: Record<number, string> = { 0: 'Force Updated Clients', 1: 'Mitigated', 2: 'Vulnerable' };

function evaluateCredSsp(raw: unknown): Evaluation {
  const { allowEncryptionOracle: v } = CredSspPolicyFactsSchema.parse(raw);
  if (v === null) return { status: 'pass', summary: 'Not set: Windows uses its default ("Mitigated" since the May 2018 updates).' };
  if (v === 0) {
    return {
      status: 'fail',
      summary: 'Set to 0 ("Force Updated Clients"): this computer refuses servers that miss the May 2018 CredSSP update.',
    };
  }
  if (v === 2) {
    return {
      status: 'pass',
      summary:
        'Set to 2 ("Vulnerable"): this computer also talks to unpatched servers. That is a temporary workaround only; set it back once the server is updated.',
    };
  }
  return { status: 'pass', summary: `Set to ${v} ("${ORACLE_NAMES[v] ?? 'unknown'}").` };
}

// --- Network adapters --------------------------------------------------------------------------

const VPN_WORDS =
  /\b(vpn|anyconnect|globalprotect|pangp|fortinet|forticlient|wireguard|openvpn|tap-windows|wintun|juniper|pulse secure|ivanti|sonicwall|checkpoint|check point|nordlynx|zscaler|ppp|sstp|l2tp|ikev2|pptp)\b/i;

/** A VPN adapter by its name or driver description (Get-NetAdapter shows no "is VPN" flag). */
export function isVpnAdapter(a: Pick<Adapter, 'name' | 'description'>): boolean {
  return VPN_WORDS.test(a.name) || VPN_WORDS.test(a.description);
}
const isUp = (a: Adapter) => a.status.toLowerCase() === 'up';
export const vpnAdaptersUp = (adapters: readonly Adapter[]) => adapters.filter((a) => isUp(a) && isVpnAdapter(a));

function kindOf(a: Adapter): string {
  if (isVpnAdapter(a)) return 'VPN';
  if (/802\.11|wireless|wi-?fi|wlan/i.test(`${a.mediaType} ${a.name} ${a.description}`)) return 'Wi-Fi';
  if (a.hardware) return 'cable';
  return 'virtual';
}

function evaluateNetwork(raw: unknown): Evaluation {
  const f = NetworkFactsSchema.parse(raw);
  const up = f.adapters.filter(isUp);
  const domain = f.domainJoined ? ` This computer is in the domain ${f.domain ?? ''}.`.replace(' .', '.') : '';
  if (up.length === 0) return { status: 'warn', summary: `No network connection is up.${domain}` };
  const list = up.map((a) => `${kindOf(a)} "${a.name}"${a.ipv4.length ? ` (${a.ipv4.join(', ')})` : ''}`).join(', ');
  return { status: 'pass', summary: `Connected through ${list}.${domain}` };
}

// --- UDP ---------------------------------------------------------------------------------------

function evaluateUdp(raw: unknown): Evaluation {
  const { fClientDisableUDP: v, adaptersUp } = ClientUdpFactsSchema.parse(raw);
  if (v === 1) return { status: 'pass', summary: 'Remote Desktop uses TCP only here (the policy value fClientDisableUDP is 1).' };
  const vpns = adaptersUp.filter(isVpnAdapter);
  if (vpns.length > 0) {
    return {
      status: 'fail',
      summary: `A VPN is connected (${vpns.map((a) => `"${a.name}"`).join(', ')}) and Remote Desktop may still use UDP, which many VPNs drop.`,
    };
  }
  return {
    status: 'pass',
    summary:
      v === null
        ? 'Remote Desktop may use UDP as well as TCP (the Windows default); no VPN is connected.'
        : `Remote Desktop may use UDP as well as TCP (fClientDisableUDP is ${v}); no VPN is connected.`,
  };
}

// --- Updates -----------------------------------------------------------------------------------

/** The client's updates the check lists, and among which a failure that began after one is traced to it. */
const RECENT_CLIENT_UPDATE_DAYS = 30;

export function recentHotfixes(f: { now: string; hotfixes: Array<{ id: string; installedOn: string | null; description: string }> }) {
  const now = Date.parse(f.now);
  return f.hotfixes.filter((h) => h.installedOn !== null && now - Date.parse(h.installedOn) <= RECENT_CLIENT_UPDATE_DAYS * DAY_MS);
}

function evaluateUpdates(raw: unknown): Evaluation {
  const f = UpdatesFactsSchema.parse(raw);
  const recent = recentHotfixes(f);
  if (recent.length === 0) return { status: 'pass', summary: `No Windows update installed in the last ${RECENT_CLIENT_UPDATE_DAYS} days.` };
  const list = recent.map((h) => `${h.id} on ${isoDay(h.installedOn!)}`).join(', ');
  return {
    status: 'pass',
    summary: `${plural(recent.length, 'update')} installed in the last ${RECENT_CLIENT_UPDATE_DAYS} days: ${list}.`,
  };
}

// --- The RDP client log ------------------------------------------------------------------------

/** IMsTscAxEvents::OnDisconnected reason codes (decimal), in plain English. */
const DISCONNECT_REASONS: Record<number, string> = {
  0: 'no information',
  1: 'you disconnected (not an error)',
  2: 'the remote user disconnected (not an error)',
  3: 'the server ended the session (not an error)',
  260: 'the computer name could not be looked up (DNS)',
  262: 'out of memory',
  264: 'the connection timed out',
  516: 'the connection could not be made (nothing answered on the port)',
  518: 'out of memory',
  520: 'the computer was not found',
  772: 'sending data failed',
  776: 'the IP address is not valid',
  1028: 'receiving data failed',
  1030: 'the security data is not valid',
  1032: 'internal error',
  1286: 'the encryption method is not valid',
  1288: 'the DNS lookup failed',
  1540: 'the computer was not found',
  1542: "the server's security data is not valid",
  1544: 'internal timer error',
  1796: 'a timeout occurred',
  1798: "the server's certificate could not be read",
  2052: 'the IP address is not valid',
  2055: 'the sign-in failed (user name or password)',
  2308: 'socket closed: the server closed the connection during security setup (0x904; with extended code 0x7 "the server denied the connection")',
  2310: 'internal security error',
  2566: 'internal security error',
  2822: 'encryption error',
  3078: 'decryption error',
  3080: 'decompression error',
};
export const SOCKET_CLOSED = 2308;
/** Reasons that end a session normally: not failures. */
const NORMAL_REASONS = new Set([0, 1, 2, 3]);

export const hex = (n: number) => `0x${n.toString(16).toUpperCase()}`;
export const describeReason = (n: number) => `${n} (${hex(n)}): ${DISCONNECT_REASONS[n] ?? 'an error code without a documented meaning'}`;

export interface Attempt {
  time: string;
  server: string;
  /** Reached the logon stage (1027) or connected (1025). */
  connected: boolean;
  /** The 1026 reason, null when the attempt has no disconnect event yet. */
  reason: number | null;
}

/** Pairs each 1024 with the events of the same attempt (activity id, else the following ones). */
export function attemptsOf(events: readonly RdpClientEvent[]): Attempt[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const attempts: Array<Attempt & { activityId: string | null }> = [];
  for (const e of sorted) {
    if (e.id === 1024) {
      attempts.push({ time: e.time, server: e.server ?? '', connected: false, reason: null, activityId: e.activityId });
      continue;
    }
    const owner =
      (e.activityId ? attempts.find((a) => a.activityId === e.activityId) : undefined) ?? (e.activityId ? undefined : attempts.at(-1));
    if (!owner) continue;
    if (e.id === 1025 || e.id === 1027) owner.connected = true;
    if (e.id === 1026 && owner.reason === null) owner.reason = e.reason;
  }
  return attempts.map(({ activityId: _a, ...rest }) => rest);
}

const sameServer = (server: string, host: string, port: number) => {
  const s = server.toLowerCase();
  const h = host.toLowerCase();
  return s === h || s === `${h}:${port}`;
};

/** The attempts to the target only, oldest first. */
export function attemptsTo(f: RdpClientLogFacts): Attempt[] {
  return attemptsOf(f.events).filter((a) => sameServer(a.server, f.host, f.port));
}

export const failedAttempt = (a: Attempt) => !a.connected && a.reason !== null && !NORMAL_REASONS.has(a.reason);

function evaluateRdpLog(raw: unknown): Evaluation {
  const f = RdpClientLogFactsSchema.parse(raw);
  if (!f.logEnabled) return { status: 'skipped', summary: 'The Remote Desktop client log is turned off on this computer.' };
  const attempts = attemptsTo(f);
  const last = attempts.at(-1);
  if (!last) return { status: 'pass', summary: `The Remote Desktop log has no attempt to connect to ${f.host} in the last 30 days.` };
  const when = `${isoDay(last.time)} ${last.time.slice(11, 16)} UTC`;
  if (failedAttempt(last) && last.reason !== null) {
    const failures = attempts.filter(failedAttempt).length;
    return {
      status: 'warn',
      summary: `The last attempt to ${f.host} (${when}) ended with code ${describeReason(last.reason)}. ${plural(failures, 'failed attempt')} of ${attempts.length} in 30 days.`,
    };
  }
  return { status: 'pass', summary: `The last attempt to ${f.host} (${when}) ${last.connected ? 'connected' : 'did not fail'}.` };
}

// --- TLS ---------------------------------------------------------------------------------------

const TLS_STATE_TEXT: Record<SchannelState, string> = {
  default: 'Windows default',
  on: 'on',
  off: 'off (Enabled = 0)',
  'off-by-default': 'off unless a program asks for it (DisabledByDefault = 1)',
};

function evaluateTls(raw: unknown): Evaluation {
  const f = ClientTlsFactsSchema.parse(raw);
  const byVersion = new Map(f.protocols.map((p) => [p.version, schannelState(p)]));
  const changed = f.protocols.filter((p) => schannelState(p) !== 'default');
  const tls12 = byVersion.get('TLS 1.2') ?? 'default';
  if (schannelOff(tls12)) {
    return {
      status: 'fail',
      summary: `TLS 1.2 is switched off for this computer as a client: ${TLS_STATE_TEXT[tls12]}. Remote Desktop needs it for almost every server.`,
    };
  }
  const offs = changed.filter((p) => schannelOff(schannelState(p)));
  if (changed.length === 0) return { status: 'pass', summary: 'No TLS version is configured: Windows uses its defaults.' };
  return {
    status: 'pass',
    summary: `TLS 1.2 is available. Configured: ${changed.map((p) => `${p.version} ${TLS_STATE_TEXT[schannelState(p)]}`).join(', ')}${offs.length ? ' (fine unless the server is very old)' : ''}.`,
  };
}

function evaluateOutbound(raw: unknown): Evaluation {
  const f = OutboundFactsSchema.parse(raw);
  const products = f.securityProducts.filter((p) => p.enabled !== false).map((p) => p.name);
  const software = products.length ? ` Security software: ${[...new Set(products)].join(', ')}.` : '';
  const rule = f.blockRules[0];
  if (rule) {
    const what = rule.program ? rule.program.split('\\').pop() : `port ${rule.remotePort}`;
    return { status: 'fail', summary: `The Windows Firewall rule "${rule.displayName}" blocks ${what} going out.${software}` };
  }
  if (f.defaultBlockProfiles.length) {
    return {
      status: 'warn',
      summary: `Windows Firewall blocks all outbound traffic by default (${f.defaultBlockProfiles.join(', ')}); Remote Desktop works only if a rule allows it.${software}`,
    };
  }
  return { status: 'pass', summary: `No firewall rule blocks Remote Desktop going out.${software}` };
}

export const clientEvaluators: { [K in (typeof clientChecks)[number]['id']]: Evaluator } = {
  'client-saved-credentials': evaluateCredentials,
  'client-connection-data': evaluateConnectionData,
  'client-license-cache': evaluateLicenseCache,
  'client-credssp': evaluateCredSsp,
  'client-udp': evaluateUdp,
  'client-network': evaluateNetwork,
  'client-updates': evaluateUpdates,
  'client-rdp-log': evaluateRdpLog,
  'client-tls': evaluateTls,
  'client-outbound-security': evaluateOutbound,
  'client-rdp-app': evaluateRdpApp,
  'client-pinned-certificate': evaluatePinnedCertificate,
};
