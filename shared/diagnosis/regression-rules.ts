import { ClientRdpAppFactsSchema } from '../checks/client-rdp-app/catalog';
import { UpdatesFactsSchema } from '../checks/client-updates/catalog';
import type { CheckId } from '../catalog/types';
import { CredSspVersionFactsSchema } from '../checks/server-credssp/catalog';
import { SchannelFactsSchema } from '../checks/server-tls-versions/catalog';
import { ServerUpdatesFactsSchema } from '../checks/server-updates/catalog';
import type { Evidence, Finding } from '../results';
import { factsOf, nlaStages, probeReportOf } from './facts-of';
import { knownRegressions, type KnownRegression } from './known-regressions';
import type { Results, Rule } from './rule-kit';

/**
 * One computer's Windows level as this scan knows it: the build, the update revision when known
 * (UBR; the NLA stage and Environment.OSVersion on the server do not give it), and the installed
 * updates when a hotfix list was read.
 */
export interface WindowsLevel {
  side: 'client' | 'server';
  build: number;
  ubr: number | null;
  hotfixes: readonly string[] | null;
  evidence: Evidence[];
}

export type RegressionMatch = 'has-it' | 'may-have-it';

const norm = (kb: string) => kb.toUpperCase().replace(/^(?!KB)/, 'KB');

/**
 * Whether a computer at this level has the row's problem: 'has-it' when its revision or its
 * update list shows the update that brought it and not the fix; null when it does not, or the row
 * is not for it. Without that proof (the build alone, seen over the network, or an update list
 * that names neither update: Get-HotFix drops superseded cumulative updates), a row whose problem
 * a later update fixed is not claimed, since a computer that keeps getting updates has the fix;
 * only a problem with no fixing update yet ('may-have-it') is.
 */
export function matchRegression(row: KnownRegression, level: WindowsLevel): RegressionMatch | null {
  if (row.build !== level.build || (row.side !== 'either' && row.side !== level.side)) return null;
  if (level.ubr !== null) {
    if (level.ubr < row.introducedBy.ubr) return null;
    if (row.fixedBy && level.ubr >= row.fixedBy.ubr) return null;
    return 'has-it';
  }
  const kbs = level.hotfixes?.map(norm) ?? [];
  if (row.fixedBy && kbs.includes(norm(row.fixedBy.kb))) return null;
  if (kbs.includes(norm(row.introducedBy.kb))) return 'has-it';
  return row.fixedBy ? null : 'may-have-it';
}

const buildOf = (osVersion: string): number | null => {
  const build = Number(osVersion.split('.')[2]);
  return Number.isInteger(build) && build > 0 ? build : null;
};

/** This computer: its build and revision (client-rdp-app) and its update list (client-updates). */
export function clientLevel(r: Results): WindowsLevel | null {
  const app = factsOf(r['client-rdp-app'], ClientRdpAppFactsSchema);
  if (!app || app.os.build === 0) return null;
  const updates = factsOf(r['client-updates'], UpdatesFactsSchema);
  const evidence: Evidence[] = [
    {
      checkId: 'client-rdp-app',
      label: 'Windows on this computer',
      value: `build ${app.os.build}${app.os.ubr !== null ? `.${app.os.ubr}` : ''}`,
    },
  ];
  if (updates)
    evidence.push({
      checkId: 'client-updates',
      label: 'Updates on this computer',
      value: updates.hotfixes.map((h) => h.id).join(', ') || 'none listed',
    });
  return { side: 'client', build: app.os.build, ubr: app.os.ubr, hotfixes: updates?.hotfixes.map((h) => h.id) ?? null, evidence };
}

/**
 * The server: its own checks where they ran (facts of a 'not-checked' result are never read), else
 * the build its NLA stage reported over the network.
 */
export function serverLevel(r: Results): WindowsLevel | null {
  const updates = factsOf(r['server-updates'], ServerUpdatesFactsSchema);
  const fromTls = factsOf(r['server-tls-versions'], SchannelFactsSchema)?.osVersion;
  const from: CheckId = fromTls ? 'server-tls-versions' : 'server-credssp';
  const osVersion = fromTls ?? factsOf(r['server-credssp'], CredSspVersionFactsSchema)?.osVersion;
  const checked = osVersion ? buildOf(osVersion) : null;
  const evidence: Evidence[] = [];
  let build = checked;
  if (checked !== null) {
    evidence.push({ checkId: from, label: "The server's Windows", value: osVersion! });
  } else {
    const report = probeReportOf(r);
    const v = report ? nlaStages(report).find((n) => n.challenge?.osVersion)?.challenge?.osVersion : undefined;
    if (!v) return null;
    build = v.build;
    evidence.push({
      checkId: 'rdp-handshake',
      label: "The server's Windows (from its sign-in step)",
      value: `${v.major}.${v.minor}.${v.build}`,
    });
  }
  if (updates)
    evidence.push({
      checkId: 'server-updates',
      label: 'Updates on the server',
      value: updates.hotfixes.map((h) => h.id).join(', ') || 'none listed',
    });
  return { side: 'server', build: build!, ubr: null, hotfixes: updates?.hotfixes.map((h) => h.id) ?? null, evidence };
}

function regressionFinding(row: KnownRegression, level: WindowsLevel, match: RegressionMatch): Finding {
  const where = level.side === 'client' ? 'This computer' : 'The server';
  return {
    id: row.id,
    title: `${where} has a Windows update known to break Remote Desktop (${row.introducedBy.kb})`,
    plain: `${where} ${match === 'has-it' ? 'has' : 'may have'} update ${row.introducedBy.kb}, which Microsoft lists as breaking Remote Desktop: ${row.symptomPlain} ${row.fixPlain}`,
    technical: `${row.technical} Build ${row.build}, introduced by ${row.introducedBy.kb} (.${row.introducedBy.ubr}), fixed by ${row.fixedBy ? `${row.fixedBy.kb} (.${row.fixedBy.ubr})` : 'none yet'}${row.knownIssueRollback ? '; Known Issue Rollback available' : ''}. Source: ${row.source} (${row.sourceDate}).`,
    // "Learn more" opens learn.microsoft.com only (electron/main/help-links.ts); a KB page stays in the text.
    ...(row.source.startsWith('https://learn.microsoft.com/') ? { learnMore: row.source } : {}),
    likelihood: match === 'has-it' ? 'likely' : 'possible',
    score: match === 'has-it' ? 65 : 35,
    evidence: level.evidence,
    fixIds: [],
  };
}

/** A rule over a table, so tests give it rows; the app uses the reviewed table. */
export function regressionRule(table: readonly KnownRegression[]): Rule {
  return (r) => {
    const levels = [clientLevel(r), serverLevel(r)].filter((l): l is WindowsLevel => l !== null);
    return table.flatMap((row) =>
      levels.flatMap((level) => {
        const match = matchRegression(row, level);
        return match ? [regressionFinding(row, level, match)] : [];
      }),
    );
  };
}

export const regressionRules: Rule[] = [regressionRule(knownRegressions)];
