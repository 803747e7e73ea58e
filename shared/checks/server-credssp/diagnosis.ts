import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import type { Evaluation } from '../../diagnosis/types';
import { CredSspVersionFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

/**
 * tspkg.dll revisions with the CredSSP fix (CVE-2018-0886, March 2018; May 2018 made "Mitigated"
 * the default), per Windows 10 / Server 2016 build. Builds after 16299 shipped with it. Verify
 * against the KB articles before relying on a borderline revision.
 */
const CREDSSP_FIXED_REVISION: Record<number, number> = { 10240: 17797, 14393: 2125, 15063: 966, 16299: 309 };

export function credsspPatched(f: { tspkgVersion: string | null }): boolean | null {
  const v = f.tspkgVersion?.split('.').map(Number);
  if (!v || v.length < 4 || v.some(Number.isNaN)) return null;
  const [major, , build, revision] = v as [number, number, number, number];
  if (major < 10) return null;
  if (build > 16299) return true;
  const fixed = CREDSSP_FIXED_REVISION[build];
  return fixed === undefined ? null : revision >= fixed;
}

function evaluateCredSsp(raw: unknown): Evaluation {
  const f = CredSspVersionFactsSchema.parse(raw);
  const patched = credsspPatched(f);
  if (patched === true) return { status: 'pass', summary: `tspkg.dll ${f.tspkgVersion} has the 2018 CredSSP updates.` };
  if (patched === false) {
    return {
      status: 'warn',
      summary: `tspkg.dll ${f.tspkgVersion} is older than the CredSSP fix of March/May 2018: updated clients refuse Network Level Authentication with this server. Install the latest cumulative update on the server.`,
    };
  }
  return {
    status: 'pass',
    summary: `tspkg.dll ${f.tspkgVersion ?? 'was not found'} on Windows ${f.osVersion}: the version alone does not tell; check that an update from May 2018 or later is installed.`,
  };
}

const credsspOutdated: Rule = (r) => {
  const c = r['server-credssp'];
  if (!c || c.status !== 'warn') return null;
  return {
    id: 'credssp-outdated',
    title: 'The server lacks the 2018 CredSSP security update',
    plain:
      'Since May 2018, updated computers refuse to sign in to servers without this security fix. Install the latest cumulative update on the server. Do not weaken the policy on the computers that connect instead, except briefly, to reach the server and update it.',
    technical:
      'tspkg.dll on the server is older than the May 2018 CredSSP update (CVE-2018-0886). Clients with AllowEncryptionOracle 0 or 1 refuse it during CredSSP.',
    learnMore: learnMore.credSsp,
    likelihood: 'possible',
    score: 40,
    evidence: [evidenceOf(c, 'CredSSP')],
    fixIds: [],
  };
};

export const serverCredSspDiagnosis = defineCheckDiagnosis({
  id: 'server-credssp',
  evaluate: evaluateCredSsp,
  rules: [credsspOutdated],
});
