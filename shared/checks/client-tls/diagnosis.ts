import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { learnMore } from '../../catalog/learn-more';
import { schannelOff, schannelState, type SchannelState } from '../../diagnosis/schannel';
import { byNetwork, GROUP_POLICY_NOTE } from '../client-kit';
import { ClientTlsFactsSchema } from './catalog';

const TLS_STATE_TEXT: Record<SchannelState, string> = {
  // Stryker disable next-line StringLiteral: never shown; only versions configured away from the default are listed
  default: 'Windows default',
  on: 'on',
  off: 'off',
  'off-by-default': 'off unless a program asks for it',
};

function evaluateTls(raw: unknown): Evaluation {
  const f = ClientTlsFactsSchema.parse(raw);
  const changed = f.protocols.filter((p) => schannelState(p) !== 'default');
  const offs = changed.filter((p) => schannelOff(schannelState(p)));
  const tls12 = offs.find((p) => p.version === 'TLS 1.2');
  if (tls12) {
    return {
      status: 'fail',
      summary: `TLS 1.2 is switched off for this computer as a client: ${TLS_STATE_TEXT[schannelState(tls12)]}. Remote Desktop needs it for almost every server.`,
    };
  }
  if (changed.length === 0) return { status: 'pass', summary: 'No TLS version is configured: Windows uses its defaults.' };
  return {
    status: 'pass',
    summary: `TLS 1.2 is available. Configured: ${changed.map((p) => `${p.version} ${TLS_STATE_TEXT[schannelState(p)]}`).join(', ')}${offs.length ? ' (fine unless the server is very old)' : ''}.`,
  };
}

const clientTlsDisabled: Rule = (r, ctx) => {
  const c = r['client-tls'];
  if (c?.status !== 'fail') return null;
  return {
    id: 'client-tls-disabled',
    title: 'TLS 1.2 is switched off on this computer',
    plain:
      'Remote Desktop encrypts the connection with TLS, and almost every server needs TLS 1.2. It is switched off on this computer, so the security setup fails and the connection is closed. Switch it back on and restart this computer.' +
      byNetwork(ctx, { ...GROUP_POLICY_NOTE, domain: 'On a company PC a hardening policy may set this: ask IT.' }),
    technical:
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client has Enabled = 0 or DisabledByDefault = 1. Remove both values (the OS default is on) or set Enabled = 1, DisabledByDefault = 0; reboot.',
    learnMore: learnMore.tlsRegistry,
    likelihood: 'possible',
    score: 55,
    evidence: [evidenceOf(c, 'TLS on this computer')],
    fixIds: [],
  };
};

export const clientTlsDiagnosis = defineCheckDiagnosis({
  id: 'client-tls',
  evaluate: evaluateTls,
  rules: [clientTlsDisabled],
});
