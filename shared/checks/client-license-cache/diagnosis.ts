import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { learnMore } from '../../catalog/learn-more';
import { explainReportedError } from '../../diagnosis/reported-error-codes';
import { byNetwork, plural, warned } from '../client-kit';
import { RdpClientLogFactsSchema } from '../client-rdp-log/catalog';
import { lastAttemptLicenseRefused } from '../client-rdp-log/diagnosis';
import { LicenseCacheFactsSchema } from './catalog';

function evaluateLicenseCache(raw: unknown): Evaluation {
  const f = LicenseCacheFactsSchema.parse(raw);
  if (!f.exists) {
    return {
      status: 'pass',
      summary: 'There is no license cache yet; Remote Desktop creates it the first time a server hands out a license.',
    };
  }
  const missing = [!f.hasHardwareId && 'HardwareID', !f.hasStore && 'Store'].filter(Boolean);
  if (missing.length > 0) {
    return {
      status: 'fail',
      summary: `The license cache is incomplete: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing from HKLM\\SOFTWARE\\Microsoft\\MSLicensing.`,
    };
  }
  return { status: 'pass', summary: `The license cache is complete (${plural(f.storeLicenses, 'stored license')}).` };
}

/**
 * The reported error is a licensing one (a licensing code or dialog): errors that may also be a
 * license among other things ("An internal error has occurred") do not suspect a complete cache.
 */
function reportedPointsToLicense(reported: string | undefined): boolean {
  const causes = reported ? (explainReportedError(reported)?.causes ?? []) : [];
  return causes.length > 0 && causes.every((id) => id === 'license-cache-damaged');
}

const RESET_ADVICE =
  'Resetting it is safe: it is saved first. Only an administrator can create it again, so start Remote Desktop Connection once with "Run as administrator" afterwards and connect.';

const licenseCacheDamaged: Rule = (r, ctx) => {
  const c = r['client-license-cache'];
  if (!c) return null;
  if (warned(c)) {
    return {
      id: 'license-cache-damaged',
      title: 'The Remote Desktop license cache on this computer is damaged',
      plain:
        `When a server hands out a Remote Desktop license, this computer stores it. If that store is damaged or cannot be written, the server ends the connection right away (the "cannot store the license" form of 0x904/0x7). ${RESET_ADVICE}` +
        byNetwork(ctx, { domain: 'This matters most with company Remote Desktop Services servers that hand out licenses.' }),
      technical:
        'HKLM\\SOFTWARE\\Microsoft\\MSLicensing (HardwareID, Store) is missing parts or unreadable. The fix exports it with reg export and deletes it; mstsc rebuilds it on the next connection started elevated (writing HKLM needs admin once).',
      likelihood: 'possible',
      score: 45,
      evidence: [evidenceOf(c, 'License cache')],
      fixIds: ['reset-license-cache'],
    };
  }
  // A complete cache looks the same whether its license is good or bad: only the server's refusal
  // tells them apart, as this computer logged it (1017) or as the user saw it.
  const cache = factsOf(c, LicenseCacheFactsSchema);
  if (!cache?.exists) return null;
  const log = r['client-rdp-log'];
  const logFacts = factsOf(log, RdpClientLogFactsSchema);
  const logged = logFacts !== null && lastAttemptLicenseRefused(logFacts);
  if (!logged && !reportedPointsToLicense(ctx.reportedError)) return null;
  return {
    id: 'license-cache-damaged',
    title: "The server refused this computer's Remote Desktop license",
    plain: `The server said this computer has no Remote Desktop license it can accept. Most often the license stored on this computer is bad (left from another server, or from before a change), and resetting this computer's license cache fixes it. ${RESET_ADVICE} If the same message comes back after that, the server has no licenses left to give: only whoever manages it can add them.`,
    technical: `HKLM\\SOFTWARE\\Microsoft\\MSLicensing holds a HardwareID and ${plural(cache.storeLicenses, 'stored license')}; ${logged ? 'RDPClient/Operational logged 1017 ("Client does not have a license to connect to the server") in the last attempt' : 'the reported error is a licensing one'}. A bad client license and an RD Licensing server with no CALs left look the same from here; the reset is the one this computer can try.`,
    likelihood: logged ? 'likely' : 'possible',
    score: logged ? 60 : 45,
    evidence: [evidenceOf(c, 'License cache'), ...(logged && log ? [evidenceOf(log, 'Remote Desktop log')] : [])],
    fixIds: ['reset-license-cache'],
    learnMore: learnMore.noLicense,
  };
};

export const clientLicenseCacheDiagnosis = defineCheckDiagnosis({
  id: 'client-license-cache',
  evaluate: evaluateLicenseCache,
  rules: [licenseCacheDamaged],
});
