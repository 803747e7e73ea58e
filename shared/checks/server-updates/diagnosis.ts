import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { DAY_MS, isoDay } from '../../days';
import { ServerUpdatesFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

/** A server update this recent is a suspect when connections start failing (a regression). */
const RECENT_SERVER_UPDATE_DAYS = 7;

function recentUpdates(f: { hotfixes: Array<{ id: string; installedOn: string | null }>; now: string }) {
  const now = Date.parse(f.now);
  return f.hotfixes
    .filter(
      (h) =>
        // Stryker disable next-line ConditionalExpression: without it Date.parse(null) is NaN, which no comparison below lets through
        h.installedOn !== null && now - Date.parse(h.installedOn) <= RECENT_SERVER_UPDATE_DAYS * DAY_MS && Date.parse(h.installedOn) <= now,
    )
    .sort((a, b) => Date.parse(b.installedOn!) - Date.parse(a.installedOn!));
}

/** The number wusa wants: "KB5034441" -> "5034441". */
const kbNumber = (id: string) => id.replace(/\D/g, '');

function evaluateUpdates(raw: unknown): Evaluation {
  const f = ServerUpdatesFactsSchema.parse(raw);
  const recent = recentUpdates(f);
  if (recent.length) {
    // Never negative: recentUpdates() leaves out updates dated after now.
    const ago = (iso: string) => {
      const days = Math.floor((Date.parse(f.now) - Date.parse(iso)) / DAY_MS);
      return days === 1 ? '1 day ago' : `${days} days ago`;
    };
    return {
      status: 'warn',
      summary: `Installed in the last ${RECENT_SERVER_UPDATE_DAYS} days: ${recent.map((h) => `${h.id} (${isoDay(h.installedOn!)}, ${ago(h.installedOn!)})`).join(', ')}.`,
    };
  }
  const latest = [...f.hotfixes].filter((h) => h.installedOn).sort((a, b) => Date.parse(b.installedOn!) - Date.parse(a.installedOn!))[0];
  return {
    status: 'pass',
    summary: latest
      ? `No update in the last ${RECENT_SERVER_UPDATE_DAYS} days; the latest is ${latest.id} (${isoDay(latest.installedOn!)}).`
      : 'No installed updates are listed.',
  };
}

const recentUpdate: Rule = (r) => {
  const u = r['server-updates'];
  if (!u || u.status !== 'warn') return null;
  const f = factsOf(u, ServerUpdatesFactsSchema);
  const latest = f ? recentUpdates(f)[0] : undefined;
  const how = latest
    ? ` To remove it: on the server, Settings > Windows Update > Update history > Uninstall updates, then restart (RDP Doctor does not do it for you).`
    : '';
  return {
    id: 'server-recent-update',
    title: 'An update was installed on the server recently',
    plain: `If Remote Desktop stopped working right after this update, it may be the cause. Check first whether the update is known to affect Remote Desktop; installing the next update is usually better than removing one.${how}`,
    technical: latest
      ? `Get-HotFix on the server: ${latest.id} installed ${isoDay(latest.installedOn!)}. Remove as administrator: wusa /uninstall /kb:${kbNumber(latest.id)}, then restart.`
      : 'Get-HotFix on the server lists a recent update.',
    likelihood: 'possible',
    score: 22,
    evidence: [evidenceOf(u, 'Recent updates')],
    fixIds: [],
  };
};

export const serverUpdatesDiagnosis = defineCheckDiagnosis({
  id: 'server-updates',
  evaluate: evaluateUpdates,
  rules: [recentUpdate],
});
