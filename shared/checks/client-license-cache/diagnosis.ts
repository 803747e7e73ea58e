import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { byNetwork, plural, warned } from '../client-kit';
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

const licenseCacheDamaged: Rule = (r, ctx) => {
  const c = r['client-license-cache'];
  if (!warned(c)) return null;
  return {
    id: 'license-cache-damaged',
    title: 'The Remote Desktop license cache on this computer is damaged',
    plain:
      'When a server hands out a Remote Desktop license, this computer stores it. If that store is damaged or cannot be written, the server ends the connection right away (the "cannot store the license" form of 0x904/0x7). Resetting it is safe: it is saved first and rebuilt at the next connection. Start Remote Desktop once with "Run as administrator" afterwards.' +
      byNetwork(ctx, { domain: 'This matters most with company Remote Desktop Services servers that hand out licenses.' }),
    technical:
      'HKLM\\SOFTWARE\\Microsoft\\MSLicensing (HardwareID, Store) is missing parts or unreadable. The fix exports it with reg export, deletes it, and mstsc rebuilds it on the next connection started elevated (writing HKLM needs admin once).',
    likelihood: 'possible',
    score: 45,
    evidence: [evidenceOf(c, 'License cache')],
    fixIds: ['reset-license-cache'],
  };
};

export const clientLicenseCacheDiagnosis = defineCheckDiagnosis({
  id: 'client-license-cache',
  evaluate: evaluateLicenseCache,
  rules: [licenseCacheDamaged],
});
