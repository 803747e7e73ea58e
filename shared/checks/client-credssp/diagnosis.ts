import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { learnMore } from '../../catalog/learn-more';
import { byNetwork, GROUP_POLICY_NOTE } from '../client-kit';
import { CredSspPolicyFactsSchema } from './catalog';

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

const credSspBlocks: Rule = (r, ctx) => {
  const c = r['client-credssp'];
  const f = factsOf(c, CredSspPolicyFactsSchema);
  if (!c || !f || f.allowEncryptionOracle !== 0) return null;
  return {
    id: 'credssp-policy-blocks',
    title: 'This computer refuses servers without the CredSSP security update',
    plain:
      'A security policy on this computer is set to "Force Updated Clients": Remote Desktop will not talk to a server that misses the May 2018 security updates. The real fix is updating the server. Only if you must reach it once to install those updates, allow it temporarily and undo that right after.' +
      byNetwork(ctx, {
        ...GROUP_POLICY_NOTE,
        azure:
          'For an Azure VM, install the updates without Remote Desktop: use "Run command" in the portal, or "Reset remote access configuration" under Help > Reset password if the VM\'s Remote Desktop settings were changed.',
      }),
    technical:
      'AllowEncryptionOracle = 0 (Force Updated Clients) under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters (CVE-2018-0886). Temporary workaround: 2 (Vulnerable), reverted once the server is patched.',
    learnMore: learnMore.credSsp,
    likelihood: 'possible',
    score: 40,
    evidence: [evidenceOf(c, 'CredSSP policy')],
    fixIds: ctx.networkType === 'domain' ? [] : ['credssp-allow-vulnerable'],
  };
};

/** A value of 2 left behind by a vendor script or an old workaround: not a cause, but say so. */
const credSspVulnerable: Rule = (r) => {
  const c = r['client-credssp'];
  const f = factsOf(c, CredSspPolicyFactsSchema);
  if (!c || !f || f.allowEncryptionOracle !== 2) return null;
  return {
    id: 'credssp-left-vulnerable',
    title: 'A CredSSP security workaround is switched on',
    plain:
      'A security policy on this computer is set to "Vulnerable". That is not what breaks this connection, but it lets this computer talk to servers that miss the 2018 security updates. Set it back (undo the change, or remove the setting) once your servers are updated.',
    technical:
      'AllowEncryptionOracle = 2 (Vulnerable) under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters. Default (absent) is 1, Mitigated.',
    learnMore: learnMore.credSsp,
    likelihood: 'possible',
    score: 5,
    evidence: [evidenceOf(c, 'CredSSP policy')],
    fixIds: [],
  };
};

export const clientCredSspDiagnosis = defineCheckDiagnosis({
  id: 'client-credssp',
  evaluate: evaluateCredSsp,
  rules: [credSspBlocks, credSspVulnerable],
});
