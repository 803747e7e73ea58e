import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, type Results, type Rule } from '../../diagnosis/rule-kit';
import type { Evaluation } from '../../diagnosis/types';
import { factsOf, nlaStages, probeReportOf } from '../../diagnosis/facts-of';
import { serverCredSspFix } from '../../diagnosis/mismatch-rules';
import type { Evidence } from '../../results';
import { CredSspPolicyFactsSchema } from '../client-credssp/catalog';
import { ServerUpdatesFactsSchema } from '../server-updates/catalog';
import { CredSspVersionFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

/**
 * tspkg.dll revisions with the CredSSP fix (CVE-2018-0886, March 2018; May 2018 made "Mitigated"
 * the default), per Windows 10 / Server 2016 build. Builds after 16299 shipped with it. Verify
 * against the KB articles before relying on a borderline revision.
 */
const CREDSSP_FIXED_REVISION: Record<number, number> = { 10240: 17797, 14393: 2125, 15063: 966, 16299: 309 };

/**
 * Before Windows 10, the tspkg.dll file version that carries the CredSSP update, from the table
 * in "CredSSP encryption oracle remediation error when you RDP to a Windows VM in Azure"
 * (learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation).
 */
const CREDSSP_FIXED_FILE: Record<string, number> = { '6.1.7601': 24117, '6.2.9200': 22432, '6.3.9600': 18999 };

export function credsspPatched(f: { tspkgVersion: string | null }): boolean | null {
  const v = f.tspkgVersion?.split('.').map(Number);
  if (!v || v.length < 4 || v.some(Number.isNaN)) return null;
  const [major, minor, build, revision] = v as [number, number, number, number];
  if (major < 10) {
    const fixed = CREDSSP_FIXED_FILE[`${major}.${minor}.${build}`];
    return fixed === undefined ? null : revision >= fixed;
  }
  if (build > 16299) return true;
  const fixed = CREDSSP_FIXED_REVISION[build];
  return fixed === undefined ? null : revision >= fixed;
}

/**
 * Before Windows 10 the fix came only as an update: "CredSSP updates for CVE-2018-0886"
 * (support.microsoft.com/help/4093492) lists March 13, 2018 (the fix) and May 8, 2018 (Mitigated
 * becomes the clients' default), as monthly rollup and security-only update per version. Later
 * monthly rollups contain it too, so a missing number alone proves nothing; an update list that
 * ends before March 13, 2018 does.
 */
const CREDSSP_UPDATES: Record<string, readonly string[]> = {
  // Windows 7 SP1 / Server 2008 R2 SP1
  '6.1': ['KB4088875', 'KB4088878', 'KB4103718', 'KB4103712'],
  // Windows Server 2012
  '6.2': ['KB4088877', 'KB4088880', 'KB4103730', 'KB4103726'],
  // Windows 8.1 / Server 2012 R2
  '6.3': ['KB4088876', 'KB4088879', 'KB4103725', 'KB4103715'],
};
const CREDSSP_FIX_RELEASED = '2018-03-13';

/** An older server's CredSSP fix from its installed updates: true, false, or null (cannot tell). */
export function credsspPatchedByUpdates(
  osVersion: string,
  hotfixes: readonly { id: string; installedOn: string | null }[],
): boolean | null {
  const kbs = CREDSSP_UPDATES[osVersion.split('.').slice(0, 2).join('.')];
  if (!kbs) return null;
  if (hotfixes.some((h) => kbs.includes(h.id.toUpperCase()))) return true;
  const dates = hotfixes.map((h) => h.installedOn);
  if (dates.length > 0 && dates.every((d) => d !== null && d.slice(0, 10) < CREDSSP_FIX_RELEASED)) return false;
  return null;
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

/** What says the server lacks the fix, and from where: its file version, its updates, or its answer on the wire. */
function missingFix(r: Results): Evidence[] {
  const out: Evidence[] = [];
  const c = r['server-credssp'];
  const version = factsOf(c, CredSspVersionFactsSchema);
  if (c && version) {
    if (c.status === 'warn') out.push(evidenceOf(c, 'CredSSP'));
    else if (credsspPatched(version) === null) {
      const updates = factsOf(r['server-updates'], ServerUpdatesFactsSchema);
      if (updates && credsspPatchedByUpdates(version.osVersion, updates.hotfixes) === false) {
        // Every update has its day here (credsspPatchedByUpdates says false only then).
        const last = updates.hotfixes
          .map((h) => h.installedOn)
          .sort()
          .at(-1)
          ?.slice(0, 10);
        out.push({
          checkId: 'server-updates',
          label: 'Installed updates',
          value: `Windows ${version.osVersion}: the newest update was installed on ${last}, before the CredSSP fix of March 13, 2018`,
        });
      }
    }
  }
  const report = probeReportOf(r);
  const wire = report ? serverCredSspFix(nlaStages(report)) : null;
  if (wire?.state === 'missing') out.push({ checkId: 'rdp-handshake', label: 'Server sign-in step', value: wire.evidence });
  return out;
}

const credsspOutdated: Rule = (r) => {
  const evidence = missingFix(r);
  if (evidence.length === 0) return null;
  // "Vulnerable" on this computer lets it talk to such a server: then this is not what stops it.
  const allowed = factsOf(r['client-credssp'], CredSspPolicyFactsSchema)?.allowEncryptionOracle === 2;
  return {
    id: 'credssp-outdated',
    title: 'The server lacks the 2018 CredSSP security update',
    plain:
      'Since May 2018, updated computers refuse to sign in to servers without this security fix. Install the latest cumulative update on the server. Do not weaken the policy on the computers that connect instead, except briefly, to reach the server and update it.',
    technical:
      'The server lacks the CredSSP fix for CVE-2018-0886 (March 2018; May 2018 made Mitigated the default): tspkg.dll older than the fixed build, no update since before March 13, 2018 (KB4093492 lists them per version), or a TSRequest version below 5. Clients with AllowEncryptionOracle 0 or 1 refuse it during CredSSP.',
    learnMore: learnMore.credSsp,
    likelihood: allowed ? 'possible' : 'likely',
    score: allowed ? 30 : 55,
    evidence,
    fixIds: [],
  };
};

export const serverCredSspDiagnosis = defineCheckDiagnosis({
  id: 'server-credssp',
  evaluate: evaluateCredSsp,
  rules: [credsspOutdated],
});
