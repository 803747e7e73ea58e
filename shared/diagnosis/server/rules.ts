import { z } from 'zod';
import type { CheckId } from '../../catalog/checks';
import type { FixId } from '../../catalog/fixes';
import {
  ListenerFactsSchema,
  RdpCertificateFactsSchema,
  RdpEnabledFactsSchema,
  RdpServicesFactsSchema,
  SchannelFactsSchema,
  SecuritySettingsFactsSchema,
  ServerUpdatesFactsSchema,
} from '../../catalog/server/scripts';
import type { CheckResult, Evidence } from '../../results';
import { evidenceOf, failed, tcpState, type Results, type Rule } from '../rule-kit';
import {
  certificateProblem,
  effectiveSecurity,
  isSelfSigned,
  kbNumber,
  listenerProblem,
  recentUpdates,
  securityProblem,
  SERVICE_NAMES,
  SERVICES_MUST_RUN,
  tlsProblem,
} from './evaluate';

/** A result's facts through its schema; null when absent or another shape. */
function factsOf<T extends z.ZodType>(r: CheckResult | undefined, schema: T): z.infer<T> | null {
  const parsed = schema.safeParse(r?.facts);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------- the probe's word on the certificate

/**
 * The handshake probe runs as check 'rdp-handshake' (being wired into the catalog). Its facts are
 * read defensively: any RDP_NEG_FAILURE with code 3 (SSL_CERT_NOT_ON_SERVER), and any certificate
 * it saw as expired, wherever they sit in the report.
 */
const NegFailure3 = z.union([
  z.object({ kind: z.literal('failure'), code: z.literal(3) }),
  z.object({ kind: z.literal('failure'), codeName: z.literal('SSL_CERT_NOT_ON_SERVER') }),
  z.object({ failureCode: z.literal(3) }),
]);
const ExpiredCert = z.object({ expired: z.literal(true), validTo: z.string() });

function scan(value: unknown, visit: (node: object) => void, depth = 0): void {
  if (depth > 10 || value === null || typeof value !== 'object') return;
  visit(value);
  for (const child of Array.isArray(value) ? value : Object.values(value)) scan(child, visit, depth + 1);
}

export const HANDSHAKE_CHECK = 'rdp-handshake';

export function handshakeCertificateEvidence(r: Results): { failure3: Evidence | null; expired: Evidence | null } {
  const result = (r as Record<string, CheckResult | undefined>)[HANDSHAKE_CHECK];
  // Assigned inside the callback: typed wide so the compiler does not narrow them to their start values.
  let failure3 = false as boolean;
  let expiredOn = null as string | null;
  scan(result?.facts, (node) => {
    if (NegFailure3.safeParse(node).success) failure3 = true;
    const cert = ExpiredCert.safeParse(node);
    if (cert.success) expiredOn ??= cert.data.validTo;
  });
  const ev = (value: string): Evidence => ({ checkId: HANDSHAKE_CHECK as CheckId, label: 'Handshake', value });
  return {
    failure3: failure3 ? ev('The server answered the Remote Desktop request with failure 3, SSL_CERT_NOT_ON_SERVER: it has no certificate it can use.') : null,
    expired: expiredOn ? ev(`The server presented a certificate that expired on ${expiredOn.slice(0, 10)}.`) : null,
  };
}

// ---------------------------------------------------------------- firewall (unchanged)

const firewallBlocks: Rule = (r) => {
  const fw = r['server-firewall'];
  const state = tcpState(r['tcp-port']);
  if (!failed(fw) && state !== 'filtered') return null;
  const evidence: Evidence[] = [];
  if (state === 'filtered' && r['tcp-port']) evidence.push(evidenceOf(r['tcp-port'], 'Port test'));
  if (failed(fw)) evidence.push(evidenceOf(fw, 'Server firewall'));
  return {
    id: 'firewall-blocks-rdp',
    title: failed(fw) ? 'Windows Firewall on the server blocks Remote Desktop' : 'Something silently blocks the Remote Desktop port',
    plain: failed(fw)
      ? 'The server\'s firewall does not let Remote Desktop connections in on the network it is on now. Turning on its "Remote Desktop" rules fixes that.'
      : 'The connection gets no answer at all. A firewall, a router, the VPN or security software drops it. Check the server\'s firewall first.',
    likelihood: failed(fw) ? 'certain' : 'likely',
    score: failed(fw) ? 95 : 70,
    evidence,
    // Unless the server's firewall was checked and found fine, its rules are the first thing to try.
    fixIds: fw?.status === 'pass' ? [] : ['enable-firewall-rdp'],
  };
};

// ---------------------------------------------------------------- certificate and its key

/** The isolation test is offered only where no group policy sets the values it changes. */
function isolationTestAllowed(r: Results): boolean {
  const f = factsOf(r['server-security-settings'], SecuritySettingsFactsSchema);
  if (!f) return false;
  const e = effectiveSecurity(f);
  return !e.securityLayer.byPolicy && !e.userAuthentication.byPolicy;
}

const certificateUnusable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const probe = handshakeCertificateEvidence(r);
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const keyUnreadable = failed(keys) || p?.problem === 'key-unreadable';
  const certBroken = failed(cert) && p?.problem !== 'key-unreadable';
  const probeEvidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  // The key is the cause: the certificate itself is fine (or only says it cannot read the key).
  if (!certBroken && keyUnreadable) return null;
  if (!certBroken && !probe.failure3) {
    if (!cert || cert.status !== 'warn') return null;
    return {
      id: 'certificate-unusable',
      title: 'The server\'s Remote Desktop certificate expires soon',
      plain: 'The certificate still works, but once it expires the connection will fail with 0x904/0x7.',
      likelihood: 'possible',
      score: 20,
      evidence: [evidenceOf(cert, 'Certificate'), ...probeEvidence],
      fixIds: ['regenerate-rdp-certificate'],
    };
  }
  const selfSigned = !facts || isSelfSigned(facts);
  const fixIds: FixId[] = [];
  if (failed(keys)) fixIds.push('repair-rdp-key-permissions');
  if (selfSigned) fixIds.push('regenerate-rdp-certificate');
  if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
  const evidence = [...probeEvidence];
  if (cert && (cert.status === 'fail' || cert.status === 'warn')) evidence.push(evidenceOf(cert, 'Certificate'));
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file permissions'));
  return {
    id: 'certificate-unusable',
    title: 'The server\'s Remote Desktop certificate is unusable',
    plain: [
      'Remote Desktop encrypts the connection with a certificate. When it is missing, has expired or has lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7.',
      selfSigned
        ? 'Windows makes a new self-signed one when the old one is removed.'
        : 'This certificate was installed by an administrator or a group policy, so Windows will not replace it: renew it (or point Remote Desktop at a valid one) where it came from.',
      failed(keys) ? 'Its key file\'s permissions are wrong too, which is often why Windows could not renew it: repair them first.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    likelihood: 'certain',
    score: probe.failure3 ? 100 : 98,
    evidence,
    fixIds,
  };
};

const keyUnreadable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const certBroken = failed(cert) && p?.problem !== 'key-unreadable';
  if (certBroken || !(failed(keys) || p?.problem === 'key-unreadable')) return null;
  const probe = handshakeCertificateEvidence(r);
  const evidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file permissions'));
  if (p?.problem === 'key-unreadable' && cert) evidence.push(evidenceOf(cert, 'Certificate'));
  return {
    id: 'rdp-key-unreadable',
    title: 'Remote Desktop cannot read its certificate\'s private key',
    plain: failed(keys)
      ? 'The certificate is fine, but the permissions on its key file in MachineKeys shut out NETWORK SERVICE, the account Remote Desktop runs as. The server then drops every connection during the handshake (error 0x904 / 0x7; events 1057 and 1058 on the server). Putting NETWORK SERVICE\'s read permission back on that one file fixes it.'
      : 'The certificate is fine, but NETWORK SERVICE, the account Remote Desktop runs as, may not read its private key. On the server, open the certificate in certlm.msc, choose "Manage Private Keys" and give NETWORK SERVICE read access.',
    likelihood: 'certain',
    score: probe.failure3 ? 99 : 97,
    evidence,
    fixIds: failed(keys) ? ['repair-rdp-key-permissions'] : [],
  };
};

// ---------------------------------------------------------------- RDP enabled, services, listener, ServiceDll

const rdpDisabled: Rule = (r) => {
  const en = r['server-rdp-enabled'];
  if (!failed(en)) return null;
  const byPolicy = (factsOf(en, RdpEnabledFactsSchema)?.policyDenyTSConnections ?? null) !== null;
  const evidence: Evidence[] = [];
  if (tcpState(r['tcp-port']) === 'refused' && r['tcp-port']) evidence.push(evidenceOf(r['tcp-port'], 'Port test'));
  evidence.push(evidenceOf(en, 'Remote Desktop switch'));
  return {
    id: 'rdp-disabled',
    title: byPolicy ? 'A group policy turns Remote Desktop off on the server' : 'Remote Desktop is turned off on the server',
    plain: byPolicy
      ? 'A group policy says "do not allow remote connections", and a policy wins over the setting on the server itself. RDP Doctor does not fight policies: ask whoever manages them (Group Policy: Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Connections > "Allow users to connect remotely").'
      : 'The server is set not to accept Remote Desktop connections ("Allow remote connections to this computer" is off). Turning it on fixes that.',
    likelihood: 'certain',
    score: 93,
    evidence,
    fixIds: byPolicy ? [] : ['enable-rdp'],
  };
};

const servicesDown: Rule = (r) => {
  const sv = r['server-services'];
  if (!failed(sv)) return null;
  const f = factsOf(sv, RdpServicesFactsSchema);
  const down = (f?.services ?? []).filter((s) => !s.exists || s.startType === 'Disabled' || (SERVICES_MUST_RUN.includes(s.name) && s.status !== 'Running'));
  const termDown = down.some((s) => s.name === 'TermService');
  const evidence = [evidenceOf(sv, 'Services')];
  const listener = r['server-listener'];
  const lf = factsOf(listener, ListenerFactsSchema);
  if (termDown && listener && lf && listenerProblem(lf).problem === 'not-listening') evidence.push(evidenceOf(listener, 'Listener'));
  const names = down.map((s) => `${SERVICE_NAMES[s.name]} (${s.name})`).join(', ');
  return {
    id: 'rdp-services-stopped',
    title: termDown ? 'Remote Desktop Services is not running on the server' : 'A service Remote Desktop needs for its certificate cannot start',
    plain: termDown
      ? 'The service that accepts Remote Desktop connections is stopped or disabled, so nothing answers. Starting it fixes that.'
      : `Remote Desktop needs ${names} to create and read its certificate. While it cannot start, the server drops connections during the handshake (0x904 / 0x7). Setting it back to how Windows ships it fixes that.`,
    likelihood: 'certain',
    score: termDown ? 92 : 90,
    evidence,
    fixIds: down.every((s) => s.exists) ? ['start-rdp-services'] : [],
  };
};

const listenerWrong: Rule = (r) => {
  const l = r['server-listener'];
  if (!failed(l)) return null;
  const f = factsOf(l, ListenerFactsSchema);
  const problem = f ? listenerProblem(f).problem : 'not-listening';
  // A stopped TermService explains a silent port: that finding carries this evidence.
  if (problem === 'not-listening' && failed(r['server-services'])) return null;
  const port = f?.portNumber ?? 3389;
  const text: Record<string, { title: string; plain: string; score: number }> = {
    'port-taken': {
      title: 'Another program holds the Remote Desktop port',
      plain: 'The port you connect to belongs to another program, not to Remote Desktop. It accepts the connection and then hangs up, which mstsc reports as 0x904 / 0x7. Stop that program or move it, or connect to the port Remote Desktop really uses.',
      score: 91,
    },
    'listener-off': {
      title: 'The Remote Desktop listener is switched off',
      plain: 'The RDP-Tcp listener is disabled (fEnableWinStation = 0), so Remote Desktop does not accept connections even though it is turned on. Set fEnableWinStation back to 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp and restart Remote Desktop Services.',
      score: 91,
    },
    'wrong-port': {
      title: `Remote Desktop listens on port ${port}, not the one you use`,
      plain: `Someone changed the Remote Desktop port on the server to ${port}. Connect to that port (computer:${port}), or change PortNumber back and open the firewall for it.`,
      score: 88,
    },
    'not-listening': {
      title: 'Remote Desktop does not listen on its port',
      plain: 'Remote Desktop is set up, but nothing of it listens on the port. Restarting Remote Desktop Services usually brings the listener back; the server\'s System log says why it stopped.',
      score: 86,
    },
  };
  const t = text[problem] ?? text['not-listening']!;
  return { id: 'rdp-listener-problem', title: t.title, plain: t.plain, likelihood: 'likely', score: t.score, evidence: [evidenceOf(l, 'Listener')], fixIds: [] };
};

const serviceDllReplaced: Rule = (r) => {
  const d = r['server-service-dll'];
  if (!failed(d)) return null;
  return {
    id: 'termservice-dll-replaced',
    title: 'Remote Desktop Services has been patched or replaced',
    plain: 'Remote Desktop Services does not load Windows\' own termsrv.dll as it should. Tools such as RDP Wrapper do this to allow more sessions; after a Windows update they often stop working and the server drops connections. RDP Doctor does not repair this: update or remove the tool (its own uninstaller), or reinstall Remote Desktop from Windows, then check again.',
    likelihood: 'likely',
    score: 75,
    evidence: [evidenceOf(d, 'ServiceDll')],
    fixIds: [],
  };
};

// ---------------------------------------------------------------- security settings and TLS

const securityConflict: Rule = (r) => {
  const s = r['server-security-settings'];
  const f = factsOf(s, SecuritySettingsFactsSchema);
  if (!s || !f) return null;
  const { problem } = securityProblem(f);
  const e = effectiveSecurity(f);
  const policyNote = 'A group policy sets it, so RDP Doctor does not change it: ask whoever manages the policy.';
  if (problem === 'nla-without-tls') {
    const fixIds: FixId[] = e.securityLayer.byPolicy ? [] : ['require-tls-security-layer'];
    if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
    return {
      id: 'security-settings-conflict',
      title: 'The server\'s security settings contradict each other',
      plain: `The server requires Network Level Authentication but uses the old RDP security layer, and NLA only works over TLS. Clients are turned away during security setup. Setting the security layer to TLS fixes it and keeps the connection safe.${e.securityLayer.byPolicy ? ` ${policyNote}` : ''}`,
      likelihood: 'certain',
      score: 89,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds,
    };
  }
  if (problem === 'fips' || problem === 'no-negotiation') {
    return {
      id: problem === 'fips' ? 'fips-required' : 'security-negotiation-off',
      title: problem === 'fips' ? 'The server requires FIPS-compliant encryption' : 'The server does not negotiate the security protocol',
      plain:
        problem === 'fips'
          ? 'FIPS mode limits the server to FIPS-approved algorithms. Older clients, some third-party clients and certificates with other algorithms are refused during the handshake. If you do not need FIPS, turn the policy "System cryptography: Use FIPS compliant algorithms" off; otherwise use a current client.'
          : 'With protocol negotiation off, the server only accepts clients that ask for exactly its security protocol; others are dropped. Set fAllowSecProtocolNegotiation back to 1 (the default).',
      likelihood: 'possible',
      score: 35,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds: [],
    };
  }
  if (e.securityLayer.value === 0 || e.userAuthentication.value === 0) {
    return {
      id: 'rdp-security-weakened',
      title: 'Remote Desktop runs with weakened security',
      plain: 'TLS or Network Level Authentication is off on the server. Connections work, but the server is not proven to be who it says and anyone who reaches the port gets a sign-in screen. If this was a test, put the previous values back (the summary offers it).',
      likelihood: 'possible',
      score: 10,
      evidence: [evidenceOf(s, 'Security settings')],
      fixIds: [],
    };
  }
  return null;
};

const tlsDisabled: Rule = (r) => {
  const t = r['server-tls-versions'];
  if (!failed(t)) return null;
  const f = factsOf(t, SchannelFactsSchema);
  // Failing means TLS 1.2 is off explicitly (a missing key is the OS default, which is on).
  const fixIds: FixId[] = ['enable-tls12-server'];
  if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
  const evidence = [evidenceOf(t, 'TLS versions')];
  return {
    id: 'tls-disabled',
    title: f && tlsProblem(f).problem === 'all-off' ? 'Every TLS version is turned off on the server' : 'TLS 1.2 is turned off on the server',
    plain: 'Remote Desktop protects the connection with TLS, and current clients use TLS 1.2. Someone turned it off in the server\'s SCHANNEL settings (often a "hardening" tool), so the server drops the connection during the handshake (Schannel event 36871 on the server). Turning TLS 1.2 back on fixes it once the server restarts.',
    likelihood: 'certain',
    score: 94,
    evidence,
    fixIds,
  };
};

// ---------------------------------------------------------------- pressure, CredSSP, updates

const connectionFlood: Rule = (r) => {
  const c = r['server-connection-pressure'];
  if (!c || (c.status !== 'fail' && c.status !== 'warn')) return null;
  const flood = c.status === 'fail';
  return {
    id: 'connection-flood',
    title: flood ? 'The server is flooded with sign-in attempts' : 'Many failed sign-ins on the server',
    plain:
      'Password-guessing bots fill the queue of connections the server is still setting up (MaxOutstandingConnections), and new ones, yours too, are dropped. The lasting fix is to stop exposing the port: reach the server through a VPN or a Remote Desktop Gateway, or limit the firewall rule to known addresses, and set an account lockout policy. Raising MaxOutstandingConnections only hides the symptom.',
    likelihood: flood ? 'likely' : 'possible',
    score: flood ? 60 : 25,
    evidence: [evidenceOf(c, 'Failed sign-ins')],
    fixIds: [],
  };
};

const credsspOutdated: Rule = (r) => {
  const c = r['server-credssp'];
  if (!c || c.status !== 'warn') return null;
  return {
    id: 'credssp-outdated',
    title: 'The server lacks the 2018 CredSSP security update',
    plain: 'Since May 2018, updated clients refuse to sign in with Network Level Authentication to servers without the CredSSP fix. Install the latest cumulative update on the server. Do not lower AllowEncryptionOracle on the clients instead, except briefly, to reach the server and update it.',
    likelihood: 'possible',
    score: 40,
    evidence: [evidenceOf(c, 'CredSSP')],
    fixIds: [],
  };
};

const recentUpdate: Rule = (r) => {
  const u = r['server-updates'];
  if (!u || u.status !== 'warn') return null;
  const f = factsOf(u, ServerUpdatesFactsSchema);
  const latest = f ? recentUpdates(f)[0] : undefined;
  const how = latest
    ? ` To remove it, run "wusa /uninstall /kb:${kbNumber(latest.id)}" as administrator on the server and restart (RDP Doctor does not run it for you).`
    : '';
  return {
    id: 'server-recent-update',
    title: 'An update was installed on the server recently',
    plain: `If Remote Desktop stopped working right after this update, it may be the cause. Check first whether the update is known to affect Remote Desktop; installing the next update is usually better than removing one.${how}`,
    likelihood: 'possible',
    score: 22,
    evidence: [evidenceOf(u, 'Recent updates')],
    fixIds: [],
  };
};

export const serverRules: Rule[] = [
  firewallBlocks,
  certificateUnusable,
  keyUnreadable,
  rdpDisabled,
  servicesDown,
  listenerWrong,
  serviceDllReplaced,
  securityConflict,
  tlsDisabled,
  connectionFlood,
  credsspOutdated,
  recentUpdate,
];

