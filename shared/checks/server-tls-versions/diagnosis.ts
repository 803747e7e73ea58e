import type { FixId } from '../../catalog/types';
import type { TlsProtocol } from '../../catalog/script-def';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { schannelOff, schannelState, type SchannelState } from '../../diagnosis/schannel';
import { isolationTestAllowed } from '../server-security-settings/diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { defineCheckDiagnosis } from '../define-diagnosis';
import { SchannelFactsSchema, type SchannelFacts } from './catalog';
import { ServerUpdatesFactsSchema } from '../server-updates/catalog';
import type { Results } from '../../diagnosis/rule-kit';

/**
 * How a protocol is off, in words (the registry values are in the check's technical text):
 * DisabledByDefault = 1 alone leaves it to a program that asks for it by name.
 */
const how = (p: SchannelFacts['protocols'][number] | undefined) =>
  p?.enabled !== 0 && p?.disabledByDefault === 1 ? ' unless a program asks for it' : '';

/**
 * Windows 7 SP1 / Server 2008 R2 SP1 (6.1): Remote Desktop speaks TLS 1.1 and 1.2 only with
 * KB3080079 ("Update to add RDS support for TLS 1.1 and TLS 1.2 in Windows 7 or Windows Server
 * 2008 R2", support.microsoft.com/kb/3080079); without it, TLS 1.0 whatever SCHANNEL says.
 */
const RDP_TLS12_UPDATE = 'KB3080079';
const legacyRdpTls = (osVersion: string) => /^6\.1\./.test(osVersion);

type TlsProblem = 'none' | 'tls12-off' | 'all-off' | 'tls10-off-legacy';

function tlsProblem(f: SchannelFacts): { problem: TlsProblem; summary: string } {
  const state = (v: TlsProtocol): SchannelState => {
    const p = f.protocols.find((x) => x.version === v);
    return p ? schannelState(p) : 'default';
  };
  // TLS 1.3 only exists from build 20348 (Server 2022 / Windows 11) on; before, its default is "not there".
  const build = Number(f.osVersion.split('.')[2] ?? 0);
  const word = (p: SchannelFacts['protocols'][number]) => {
    const s = schannelState(p);
    if (s === 'default') return p.version === 'TLS 1.3' && build < 20348 ? 'not available' : 'default';
    return schannelOff(s) ? 'off' : s;
  };
  const list = f.protocols.map((p) => `${p.version} ${word(p)}`).join(', ');
  const available = (v: TlsProtocol) => state(v) === 'on' || (state(v) === 'default' && (v !== 'TLS 1.3' || build >= 20348));
  const on = (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).filter(available);
  const old = legacyRdpTls(f.osVersion)
    ? ' On Windows Server 2008 R2 / Windows 7, Remote Desktop also needs KB3080079 for TLS 1.1 and 1.2.'
    : '';
  if (on.length === 0) {
    return {
      problem: 'all-off',
      summary: `Every TLS version is turned off for the server (${list}), so no TLS connection can be made.${old}`,
    };
  }
  if (legacyRdpTls(f.osVersion) && schannelOff(state('TLS 1.0'))) {
    return {
      problem: 'tls10-off-legacy',
      summary: `TLS 1.0 is turned off for the server${how(f.protocols.find((p) => p.version === 'TLS 1.0'))}, and on Windows Server 2008 R2 / Windows 7 Remote Desktop uses TLS 1.1 or 1.2 only once update KB3080079 is installed (${list}).`,
    };
  }
  if (schannelOff(state('TLS 1.2'))) {
    return {
      problem: 'tls12-off',
      summary: `TLS 1.2 is turned off for the server${how(f.protocols.find((p) => p.version === 'TLS 1.2'))}; only ${on.join(' and ')} ${on.length > 1 ? 'are' : 'is'} left (${list}). Current clients need TLS 1.2 and drop the connection during the handshake.${old}`,
    };
  }
  return { problem: 'none', summary: `TLS 1.2 is available (${list}; "default" means the key is missing, so Windows' default applies).` };
}

function evaluateTls(raw: unknown): Evaluation {
  const { problem, summary } = tlsProblem(SchannelFactsSchema.parse(raw));
  // 2008 R2 with TLS 1.0 off is broken only without KB3080079, which this check cannot see.
  return { status: problem === 'none' ? 'pass' : problem === 'tls10-off-legacy' ? 'warn' : 'fail', summary };
}

/** Whether KB3080079 is on the server: null when its updates were not read. */
function hasRdpTls12Update(r: Results): boolean | null {
  const updates = factsOf(r['server-updates'], ServerUpdatesFactsSchema);
  return updates ? updates.hotfixes.some((h) => h.id.toUpperCase() === RDP_TLS12_UPDATE) : null;
}

/** 2008 R2 / Windows 7 with TLS 1.0 off and no KB3080079: its Remote Desktop has no TLS at all. */
function legacyNoTls(r: Results, f: SchannelFacts): ReturnType<Rule> {
  const update = hasRdpTls12Update(r);
  if (update === true) return null;
  const t = r['server-tls-versions']!;
  return {
    id: 'tls-disabled',
    title: 'The server turned off the only TLS version its Remote Desktop can use',
    plain:
      'The server runs Windows Server 2008 R2 or Windows 7, whose Remote Desktop can only use the oldest TLS version until a specific update is installed, and that oldest version is turned off. So it has no way to encrypt your connection and closes it. Install update KB3080079 on the server (then it uses TLS 1.2); turning the old version back on also works, but weakens its security.',
    technical: `Windows ${f.osVersion}: RDS uses TLS 1.1/1.2 only with ${RDP_TLS12_UPDATE} (${update === false ? 'not installed' : 'installed updates not read'}); SCHANNEL\\Protocols\\TLS 1.0\\Server is off, so the listener has no protocol (Schannel 36871). Install ${RDP_TLS12_UPDATE}, or set TLS 1.0\\Server Enabled = 1 (temporary).`,
    learnMore: learnMore.tlsRegistry,
    likelihood: update === false ? 'certain' : 'likely',
    score: update === false ? 95 : 80,
    evidence: [
      evidenceOf(t, 'TLS versions'),
      ...(update === false && r['server-updates'] ? [evidenceOf(r['server-updates'], `Installed updates (no ${RDP_TLS12_UPDATE})`)] : []),
    ],
    fixIds: [],
  };
}

const tlsDisabled: Rule = (r) => {
  const t = r['server-tls-versions'];
  if (!t || (t.status !== 'fail' && t.status !== 'warn')) return null;
  const f = factsOf(t, SchannelFactsSchema);
  if (f && tlsProblem(f).problem === 'tls10-off-legacy') return legacyNoTls(r, f);
  if (t.status !== 'fail') return null;
  // Failing means TLS 1.2 is off explicitly (a missing key is the OS default, which is on).
  const fixIds: FixId[] = ['enable-tls12-server'];
  if (isolationTestAllowed(r)) fixIds.push('rdp-security-isolation-test');
  const evidence = [evidenceOf(t, 'TLS versions')];
  return {
    id: 'tls-disabled',
    title:
      f && tlsProblem(f).problem === 'all-off' ? 'Every TLS version is turned off on the server' : 'TLS 1.2 is turned off on the server',
    plain:
      'Remote Desktop protects the connection with TLS, and current clients use TLS 1.2. Someone turned it off on the server (often a "hardening" tool), so the server drops the connection during the handshake. Turning TLS 1.2 back on fixes it once the server restarts.',
    technical:
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server: Enabled = 0 or DisabledByDefault = 1 (System log Schannel 36871, state 10013). Fix: Enabled = 1, DisabledByDefault = 0; reboot.',
    learnMore: learnMore.tlsRegistry,
    likelihood: 'certain',
    score: 94,
    evidence,
    fixIds,
  };
};

export const serverTlsVersionsDiagnosis = defineCheckDiagnosis({
  id: 'server-tls-versions',
  evaluate: evaluateTls,
  rules: [tlsDisabled],
});
