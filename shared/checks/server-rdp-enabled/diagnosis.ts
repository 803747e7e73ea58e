import type { Evidence } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, tcpState, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { RdpEnabledFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateRdpEnabled(raw: unknown): Evaluation {
  const f = RdpEnabledFactsSchema.parse(raw);
  if (f.policyDenyTSConnections !== null) {
    return f.policyDenyTSConnections === 0
      ? { status: 'pass', summary: 'A group policy turns Remote Desktop on.' }
      : {
          status: 'fail',
          summary: `A group policy turns Remote Desktop off (fDenyTSConnections = ${f.policyDenyTSConnections} under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services). Only whoever manages that policy can change it.`,
        };
  }
  if (f.fDenyTSConnections === 0)
    return { status: 'pass', summary: 'Remote Desktop is turned on ("Allow remote connections to this computer").' };
  return {
    status: 'fail',
    summary:
      f.fDenyTSConnections === null
        ? 'Remote Desktop is not turned on: fDenyTSConnections is missing, and Windows then refuses remote connections.'
        : `Remote Desktop is turned off on the server (fDenyTSConnections = ${f.fDenyTSConnections}).`,
  };
}

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
      ? 'A company policy says "do not allow remote connections", and a policy wins over the setting on the server itself. RDP Doctor does not fight policies: ask whoever manages them.'
      : 'The server is set not to accept Remote Desktop connections ("Allow remote connections to this computer" is off). Turning it on fixes that.',
    technical: byPolicy
      ? 'fDenyTSConnections = 1 under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services. Group Policy: Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Connections > "Allow users to connect remotely".'
      : 'fDenyTSConnections = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server. Fix: set it to 0 and enable the "Remote Desktop" firewall group.',
    learnMore: learnMore.allowAccess,
    likelihood: 'certain',
    score: 93,
    evidence,
    fixIds: byPolicy ? [] : ['enable-rdp'],
  };
};

export const serverRdpEnabledDiagnosis = defineCheckDiagnosis({
  id: 'server-rdp-enabled',
  evaluate: evaluateRdpEnabled,
  rules: [rdpDisabled],
});
