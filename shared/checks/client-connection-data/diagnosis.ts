import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { isoDay } from '../../days';
import { plural, warned } from '../client-kit';
import { ConnectionDataFactsSchema } from './catalog';

function evaluateConnectionData(raw: unknown): Evaluation {
  const { defaultRdp: rdp, bitmapCache: cache } = ConnectionDataFactsSchema.parse(raw);
  const problems: string[] = [];
  if (rdp.exists && (rdp.bytes === 0 || rdp.lines === 0)) problems.push('Default.rdp is empty');
  else if (rdp.exists && rdp.badLines > 0) problems.push(`Default.rdp has ${plural(rdp.badLines, 'damaged line')} of ${rdp.lines}`);
  if (cache.emptyFiles > 0) problems.push(`the bitmap cache has ${plural(cache.emptyFiles, 'empty file')} (a write that never finished)`);
  if (problems.length > 0) {
    const text = problems.join('; ');
    return { status: 'fail', summary: `${text.charAt(0).toUpperCase()}${text.slice(1)}.` };
  }
  const rdpText = rdp.exists
    ? `Default.rdp looks fine (${rdp.lines} settings${rdp.lastWrite ? `, saved ${isoDay(rdp.lastWrite)}` : ''})`
    : 'No Default.rdp yet';
  const mb = (cache.bytes / 1_048_576).toFixed(1);
  const cacheText =
    cache.exists && cache.files > 0 ? `the bitmap cache holds ${plural(cache.files, 'file')} (${mb} MB)` : 'the bitmap cache is empty';
  return { status: 'pass', summary: `${rdpText}; ${cacheText}.` };
}

const damagedConnectionData: Rule = (r) => {
  const c = r['client-connection-data'];
  if (!warned(c)) return null;
  return {
    id: 'damaged-connection-data',
    title: "Remote Desktop's saved settings look damaged",
    plain:
      'The file with your last connection settings, or the picture cache, is damaged on this computer. Remote Desktop reads them at every start; moving them aside makes it start clean. They are kept in the backup folder.',
    technical:
      '%USERPROFILE%\\Documents\\Default.rdp has lines that are not name:type:value, or %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache holds empty or damaged bitmap cache files. The fix moves both into the backup folder; mstsc recreates them.',
    likelihood: 'possible',
    score: 35,
    evidence: [evidenceOf(c, 'Saved connection data')],
    fixIds: ['clear-connection-data'],
  };
};

export const clientConnectionDataDiagnosis = defineCheckDiagnosis({
  id: 'client-connection-data',
  evaluate: evaluateConnectionData,
  rules: [damagedConnectionData],
});
