import type { FixId } from '../../catalog/fixes';
import type { TlsProtocol } from '../../catalog/script-def';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { schannelOff, schannelState, type SchannelState } from '../../diagnosis/schannel';
import { isolationTestAllowed } from '../server-security-settings/diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { defineCheckDiagnosis } from '../define-diagnosis';
import { SchannelFactsSchema, type SchannelFacts } from './catalog';

/** Which SCHANNEL value turns a protocol off, as it reads in the registry. */
const why = (p: SchannelFacts['protocols'][number] | undefined) =>
  p?.enabled === 0 ? 'Enabled = 0' : p?.disabledByDefault === 1 ? 'DisabledByDefault = 1' : 'off';

function tlsProblem(f: SchannelFacts): { problem: 'none' | 'tls12-off' | 'all-off'; summary: string } {
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
  const old = /^6\.1\./.test(f.osVersion)
    ? ' On Windows Server 2008 R2 / Windows 7, Remote Desktop also needs KB3080079 for TLS 1.1 and 1.2.'
    : '';
  if (on.length === 0) {
    return {
      problem: 'all-off',
      summary: `Every TLS version is turned off for the server (${list}), so no TLS connection can be made.${old}`,
    };
  }
  if (schannelOff(state('TLS 1.2'))) {
    return {
      problem: 'tls12-off',
      summary: `TLS 1.2 is turned off for the server (${why(f.protocols.find((p) => p.version === 'TLS 1.2'))}); only ${on.join(' and ')} ${on.length > 1 ? 'are' : 'is'} left (${list}). Current clients need TLS 1.2 and drop the connection during the handshake.${old}`,
    };
  }
  return { problem: 'none', summary: `TLS 1.2 is available (${list}; "default" means the key is missing, so Windows' default applies).` };
}

function evaluateTls(raw: unknown): Evaluation {
  const { problem, summary } = tlsProblem(SchannelFactsSchema.parse(raw));
  return { status: problem === 'none' ? 'pass' : 'fail', summary };
}

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
