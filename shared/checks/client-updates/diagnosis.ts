import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { DAY_MS, isoDay } from '../../days';
import { byNetwork, plural } from '../client-kit';
import { UpdatesFactsSchema } from './catalog';
import { RdpClientLogFactsSchema } from '../client-rdp-log/catalog';
import { attemptsTo, failedAttempt, SOCKET_CLOSED } from '../client-rdp-log/diagnosis';

/** The client's updates the check lists, and among which a failure that began after one is traced to it. */
const RECENT_CLIENT_UPDATE_DAYS = 30;

export function recentHotfixes<H extends { installedOn: string | null }>(f: { now: string; hotfixes: H[] }): H[] {
  const now = Date.parse(f.now);
  // Stryker disable next-line ConditionalExpression: Date.parse(null) is NaN, which no comparison keeps; the test narrows the type
  return f.hotfixes.filter((h) => h.installedOn !== null && now - Date.parse(h.installedOn) <= RECENT_CLIENT_UPDATE_DAYS * DAY_MS);
}

function evaluateUpdates(raw: unknown): Evaluation {
  const f = UpdatesFactsSchema.parse(raw);
  const recent = recentHotfixes(f);
  if (recent.length === 0) return { status: 'pass', summary: `No Windows update installed in the last ${RECENT_CLIENT_UPDATE_DAYS} days.` };
  const list = recent.map((h) => `${h.id} on ${isoDay(h.installedOn!)}`).join(', ');
  return {
    status: 'pass',
    summary: `${plural(recent.length, 'update')} installed in the last ${RECENT_CLIENT_UPDATE_DAYS} days: ${list}.`,
  };
}

const failureAfterUpdate: Rule = (r, ctx) => {
  const upd = r['client-updates'];
  const log = r['client-rdp-log'];
  const u = factsOf(upd, UpdatesFactsSchema);
  const l = factsOf(log, RdpClientLogFactsSchema);
  if (!u || !l) return null;
  // Stryker disable next-line all: factsOf is null for a missing result too, so this only narrows the types
  if (!upd || !log) return null;
  const attempts = attemptsTo(l);
  // The failures since the last attempt that connected: once a later attempt connects, the
  // failures before it are not the error the user has now, and "every attempt since" is untrue.
  const lastSuccess = attempts.findLast((a) => a.connected);
  if (!lastSuccess) return null;
  const firstFailure = attempts.slice(attempts.indexOf(lastSuccess) + 1).find((a) => failedAttempt(a) && a.reason === SOCKET_CLOSED);
  if (!firstFailure) return null;
  // Windows records only the install day, in the computer's time zone: the update counts if that
  // day began after the last good connection (the same day could be before it) and by the first
  // failure (that day could be before it). The log's times are UTC, so the day's start is too.
  const [worked, failed] = [Date.parse(lastSuccess.time), Date.parse(firstFailure.time)];
  const between = recentHotfixes(u)
    .filter((h) => h.dayStartsAt !== null && Date.parse(h.dayStartsAt) > worked && Date.parse(h.dayStartsAt) <= failed)
    .sort((a, b) => Date.parse(b.installedOn!) - Date.parse(a.installedOn!));
  const update = between[0];
  if (!update) return null;
  // The day it last worked, on the computer's calendar like the update's (what the user remembers).
  const offset = Date.parse(update.installedOn!) - Date.parse(update.dayStartsAt!);
  const workedOn = isoDay(new Date(worked + offset).toISOString());
  // Stryker disable next-line Regex: a hotfix id has "KB" at its start or nowhere (Win32_QuickFixEngineering.HotFixID)
  const kb = update.id.replace(/^KB/i, '');
  return {
    id: 'failure-after-update',
    title: `The error started after Windows update ${update.id}`,
    plain:
      `Connecting worked on ${workedOn}; ${update.id} was installed on ${update.installedOn!.slice(0, 10)}, and every attempt since ends with 0x904. Look for a newer update first (updates often fix what an earlier one broke), and check that the server has the same updates. As a last resort an update can be removed: Settings > Windows Update > Update history > Uninstall updates.` +
      byNetwork(ctx, { domain: 'On a company PC, tell IT which update it was: they may hold it back for everyone.' }),
    technical: `RDPClient/Operational: event 1026 with reason 2308 (0x904) since ${firstFailure.time}, the last connected attempt ${lastSuccess.time}; Get-HotFix: ${update.id} installed ${update.installedOn!.slice(0, 10)} (Windows records the day only). Remove as administrator: wusa /uninstall /kb:${kb}.`,
    likelihood: 'possible',
    score: 50,
    evidence: [evidenceOf(log, 'Remote Desktop log'), evidenceOf(upd, 'Recent updates')],
    fixIds: [],
  };
};

export const clientUpdatesDiagnosis = defineCheckDiagnosis({
  id: 'client-updates',
  evaluate: evaluateUpdates,
  rules: [failureAfterUpdate],
});
