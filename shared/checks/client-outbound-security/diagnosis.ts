import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { byNetwork } from '../client-kit';
import { OutboundFactsSchema } from './catalog';

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

/** Outbound blocks usually give 0x204, not 0x904: ranked low, but named when a rule matches. */
const outboundBlocked: Rule = (r, ctx) => {
  const c = r['client-outbound-security'];
  if (c?.status !== 'fail') return null;
  return {
    id: 'outbound-blocked',
    title: 'A firewall rule on this computer blocks Remote Desktop',
    plain:
      'A Windows Firewall rule on this computer stops Remote Desktop going out. Turn that rule off in "Windows Defender Firewall with Advanced Security", Outbound Rules, or ask whoever set it up.' +
      byNetwork(ctx, { domain: 'On a company PC such rules come from a company policy: ask IT.' }),
    technical:
      'An enabled outbound Block rule matches %SystemRoot%\\System32\\mstsc.exe or the remote port (Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True with Get-NetFirewallApplicationFilter / Get-NetFirewallPortFilter). Outbound blocks usually show as 0x204, not 0x904.',
    likelihood: 'possible',
    score: 30,
    evidence: [evidenceOf(c, 'Outbound firewall')],
    fixIds: [],
  };
};

export const clientOutboundSecurityDiagnosis = defineCheckDiagnosis({
  id: 'client-outbound-security',
  evaluate: evaluateOutbound,
  rules: [outboundBlocked],
});
