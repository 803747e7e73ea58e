import { ClientRdpAppFactsSchema } from '../checks/client-rdp-app/catalog';
import { ClientTlsFactsSchema, type ClientTlsFacts } from '../checks/client-tls/catalog';
import { CredSspPolicyFactsSchema } from '../checks/client-credssp/catalog';
import type { FixId } from '../catalog/types';
import { learnMore } from '../catalog/learn-more';
import type { AddressProbe, NlaFacts, TlsVersion } from '../probe-facts';
import type { Evidence, Finding } from '../results';
import { factsOf, nlaStages, probeReportOf } from './facts-of';
import type { Results, Rule } from './rule-kit';

/*
 * Predict the mismatch before anyone signs in: this computer's own client settings against what
 * the probe saw of the server just now. Both sides' facts are in hand (client checks always run
 * here; the probe needs no credentials), so when they cannot meet the finding says "certain" and
 * shows both sides; when one side is only inferred it says "likely".
 */

type ClientTlsVersion = ClientTlsFacts['protocols'][number]['version'];
const CLIENT_NAME: Record<TlsVersion, ClientTlsVersion> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

/**
 * The first Windows build that shipped with the CredSSP fix for CVE-2018-0886 (Windows 10 1803,
 * April 2018). Older builds (7601 Windows 7 / 2008 R2 up to 16299, 1709) have it only with the
 * March / May 2018 updates, which the NTLM version field cannot show: it has no update revision.
 */
const CREDSSP_FIXED_BUILD = 17134;
/** TLS 1.3 in Schannel: Windows Server 2022 (20348) and Windows 11 (22000) onwards. */
const TLS13_FIRST_BUILD = 20348;
/** TSRequest versions 5 and 6 carry the CVE-2018-0886 fix (MS-CSSP 2.2.1, clientNonce). */
const CREDSSP_FIXED_VERSION = 5;

/**
 * What this client offers per TLS version. 'off': a setting switched it off (Enabled = 0 or
 * DisabledByDefault = 1); 'on': switched on explicitly; 'default': no setting, so the Windows
 * default; 'unsupported': this Windows has no TLS 1.3.
 */
export type TlsOffer = 'off' | 'on' | 'default' | 'unsupported';

export function clientTlsOffers(tls: ClientTlsFacts, build: number | null): Record<ClientTlsVersion, TlsOffer> {
  const offer = (version: ClientTlsVersion): TlsOffer => {
    if (version === 'TLS 1.3' && build !== null && build < TLS13_FIRST_BUILD) return 'unsupported';
    const p = tls.protocols.find((x) => x.version === version);
    if (!p || !p.keyExists) return 'default';
    if (p.enabled === 0 || p.disabledByDefault === 1) return 'off';
    return p.enabled !== null ? 'on' : 'default';
  };
  return { 'TLS 1.0': offer('TLS 1.0'), 'TLS 1.1': offer('TLS 1.1'), 'TLS 1.2': offer('TLS 1.2'), 'TLS 1.3': offer('TLS 1.3') };
}

const usable = (o: TlsOffer) => o === 'on' || o === 'default';
const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function offerValues(tls: ClientTlsFacts, versions: readonly ClientTlsVersion[]): string {
  return versions
    .map((v) => {
      const p = tls.protocols.find((x) => x.version === v);
      return p?.keyExists
        ? `${v}\\Client Enabled = ${p.enabled ?? 'absent'}, DisabledByDefault = ${p.disabledByDefault ?? 'absent'}`
        : `${v}\\Client absent`;
    })
    .join('; ');
}

function tlsMismatchAt(a: AddressProbe, tls: ClientTlsFacts, build: number | null, r: Results, many: boolean): Finding | null {
  const accepted = a.tlsVersions.filter((v) => v.accepted === 'yes').map((v) => v.version);
  if (accepted.length === 0) return null;
  const offers = clientTlsOffers(tls, build);
  if (accepted.some((v) => usable(offers[CLIENT_NAME[v]]))) return null;
  // A version the sweep could not judge, which this computer offers, might still meet.
  const open = a.tlsVersions
    .filter((v) => v.accepted === 'unknown' && usable(offers[CLIENT_NAME[v.version]]))
    .map((v) => CLIENT_NAME[v.version]);
  const certain = open.length === 0;
  const serverSide = accepted.map((v) => CLIENT_NAME[v]);
  const switchedOff = serverSide.filter((v) => offers[v] === 'off');
  const unsupported = serverSide.filter((v) => offers[v] === 'unsupported');
  const why = [
    switchedOff.length ? `${list(switchedOff)} ${switchedOff.length === 1 ? 'is' : 'are'} switched off on this computer` : '',
    unsupported.length ? `this computer's Windows version cannot use ${list(unsupported)} at all` : '',
  ].filter(Boolean);
  const tls12Off = r['server-tls-versions']?.status === 'fail';
  const fixIds: FixId[] = tls12Off ? ['enable-tls12-server'] : [];
  const at = many ? ` (${a.address})` : '';
  const sweep = a.tlsVersions.map((v) => `${CLIENT_NAME[v.version]} ${v.accepted}`).join(', ');
  return {
    id: 'tls-version-mismatch',
    title: 'This computer and the server have no encryption version in common',
    plain:
      `The server only accepts ${list(serverSide)}, and ${list(why)}. The two cannot agree on how to encrypt the connection, so the server closes it during setup: ` +
      (certain
        ? 'that is why you see error 0x904.'
        : `that is very likely why you see error 0x904 (the check could not try ${list(open)} from here).`) +
      ' The lasting fix is on the server: let it use TLS 1.2 (on Windows 7 or Server 2008 R2 that needs update KB3080079). ' +
      (switchedOff.length
        ? `Switching ${list(switchedOff)} back on here also works, but weakens this computer's security; ask whoever switched it off.`
        : 'Or connect from a computer with a newer Windows.'),
    technical:
      `Server${at} TLS sweep: ${sweep}. This computer: ${offerValues(tls, serverSide)} under HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols` +
      `${unsupported.length ? `; Windows build ${build ?? '?'} has no TLS 1.3 in Schannel (Server 2022 / Windows 11 and later)` : ''}. ` +
      'mstsc offers only the client-side versions that are enabled; with no overlap the server ends the handshake (Schannel 36874 on the server).',
    learnMore: learnMore.tlsRegistry,
    likelihood: certain ? 'certain' : 'likely',
    score: certain ? 98 : 75,
    evidence: [
      {
        checkId: 'client-tls',
        label: 'TLS on this computer',
        value: serverSide.map((v) => `${v} ${offers[v] === 'off' ? 'switched off' : 'not available'}`).join(', '),
      },
      { checkId: 'rdp-handshake', label: `TLS versions the server accepts${at}`, value: sweep },
    ],
    fixIds,
  };
}

const tlsVersionMismatch: Rule = (r) => {
  const report = probeReportOf(r);
  const tls = factsOf(r['client-tls'], ClientTlsFactsSchema);
  if (!report || !tls) return null;
  const build = factsOf(r['client-rdp-app'], ClientRdpAppFactsSchema)?.os.build ?? null;
  const many = report.addresses.length > 1;
  return report.addresses.flatMap((a) => tlsMismatchAt(a, tls, build, r, many) ?? []);
};

/** What the NLA stage says about the server's CredSSP fix: proven missing, maybe missing, or nothing. */
export function serverCredSspFix(stages: readonly NlaFacts[]): { state: 'missing' | 'maybe-missing'; evidence: string } | null {
  const old = stages.find((n) => n.credsspVersion !== null && n.credsspVersion < CREDSSP_FIXED_VERSION);
  if (old) return { state: 'missing', evidence: `CredSSP (TSRequest) version ${old.credsspVersion}: versions 5 and 6 carry the 2018 fix` };
  if (stages.some((n) => n.credsspVersion !== null && n.credsspVersion >= CREDSSP_FIXED_VERSION)) return null;
  const v = stages.find((n) => n.challenge?.osVersion)?.challenge?.osVersion;
  if (v && v.build < CREDSSP_FIXED_BUILD) {
    return {
      state: 'maybe-missing',
      evidence: `Windows ${v.major}.${v.minor}.${v.build} (from the NTLM challenge), a build from before the 2018 fix`,
    };
  }
  return null;
}

/**
 * Microsoft's CredSSP table (learnMore.credSsp): an updated client set to "Force Updated Clients"
 * (0) or "Mitigated" (1, also the default) cannot connect to a server without the 2018 update;
 * only "Vulnerable" (2) can.
 */
const credSspMismatch: Rule = (r, ctx) => {
  const report = probeReportOf(r);
  const policy = factsOf(r['client-credssp'], CredSspPolicyFactsSchema);
  if (!report || !policy) return null;
  const value = policy.allowEncryptionOracle ?? 1;
  if (value === 2) return null;
  const server = serverCredSspFix(nlaStages(report));
  if (!server) return null;
  const build = factsOf(r['client-rdp-app'], ClientRdpAppFactsSchema)?.os.build ?? null;
  const clientUpdated = build !== null && build >= CREDSSP_FIXED_BUILD;
  const certain = server.state === 'missing' && clientUpdated;
  const setting = value === 0 ? '"Force Updated Clients"' : '"Mitigated" (the Windows default)';
  return {
    // The same cause as the client-policy finding: one finding with both sides' evidence.
    id: 'credssp-policy-blocks',
    title: 'The server misses the 2018 CredSSP security update, which this computer requires',
    plain:
      `${server.state === 'missing' ? 'The server answered the sign-in step like a Windows without the May 2018 security update for Remote Desktop sign-in (CredSSP).' : 'The server runs a Windows version from before the May 2018 security update for Remote Desktop sign-in (CredSSP), and may still miss it.'} ` +
      `This computer is set to ${setting}, so it refuses such a server: ${certain ? 'that is why the connection fails.' : 'that very likely makes the connection fail.'} ` +
      'The real fix is installing current updates on the server. Only if you must reach it once to do that, allow it temporarily here and undo that right after.',
    technical:
      `Server: ${server.evidence}. Client: AllowEncryptionOracle = ${policy.allowEncryptionOracle ?? 'absent (1, Mitigated)'} under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters` +
      `${build !== null ? `, Windows build ${build}${clientUpdated ? ' (has the fix)' : ''}` : ''}. Updated client + unpatched server: blocked with 0 and 1, allowed with 2 (CVE-2018-0886, KB4093492).`,
    learnMore: learnMore.credSsp,
    likelihood: certain ? 'certain' : 'likely',
    score: certain ? 97 : 70,
    evidence: [
      {
        checkId: 'client-credssp',
        label: 'CredSSP policy on this computer',
        value: `${setting} (${policy.allowEncryptionOracle ?? 'not set'})`,
      },
      { checkId: 'rdp-handshake', label: 'Server sign-in step', value: server.evidence },
    ] satisfies Evidence[],
    fixIds: ctx.networkType === 'domain' ? [] : ['credssp-allow-vulnerable'],
  };
};

export const mismatchRules: Rule[] = [tlsVersionMismatch, credSspMismatch];
