import { plainTextProblems } from '../catalog/wording';

/**
 * Windows updates known to break Remote Desktop, one row each, reviewed by a person before it is
 * added. A row is shown when this computer, or the server where its checks ran, has the Windows
 * build the row names and the update that brought the problem, without the one that fixed it.
 *
 * Seeding rule: a row goes in only with a source on learn.microsoft.com or support.microsoft.com
 * (Windows release health, the KB article) that states the symptom and the fix; never from a
 * forum, a news site or memory. What could be read and cited here (December 2026): Microsoft's own
 * release-health pages as published from MicrosoftDocs/windows-itpro-docs
 * (windows/release-information/*.yml, 2018-2019: the issue, its originating update with its OS
 * build, and the update that resolved it). The 2022-2026 release-health pages (Windows 11 24H2 and
 * Server 2025 session freezes, the RD Gateway and UDP disconnects, the January 2026 sign-in
 * failures) are not in MicrosoftDocs' public repositories nor in the reference corpora; only news
 * sites and forums report them, so they are not rows until their Microsoft page can be read.
 * Read again for more rows (December 2026), none of which names a Remote Desktop regression beyond
 * the two below: the stored snapshots of windows-itpro-docs release-information (resolved and
 * status pages of 1607, 1803, 1809, 1903, 1909, Windows 7, 8.1 / 2012 R2, Server 2012), of
 * windowsserverdocs windows/release-information (2020-2021: 1809, 1909, 2004, 20H2, 21H1, 8.1 /
 * 2012 R2), and SupportArticles-docs support/windows-server/remote and windows-client/remote.
 * Two Microsoft pages there touch Remote Desktop but are not rows: the CredSSP "encryption oracle
 * remediation" article (KB4295591, troubleshoot/azure/virtual-machines/windows/credssp-encryption-
 * oracle-remediation) is a mismatch between two computers' updates whose fix is the other
 * computer's update, which the CredSSP checks already find (shared/checks/client-credssp,
 * server-credssp); "Internet Explorer 11 authentication issue with multiple concurrent logons"
 * (KB4480961 and its siblings, January 2019) breaks IE11 inside concurrent RDP sessions, not the
 * connection.
 * Each row's `source` is the KB article that release health names as the fix, and `technical`
 * names the release-health entry it comes from.
 */
export interface KnownRegression {
  /** Stable id, also the finding's: "known-regression-" and the month and what breaks ("known-regression-2019-05-rdp-black-screen-1903"). */
  id: string;
  /** The Windows build the row is about (26100 = Windows 11 24H2 / Server 2025, 20348 = Server 2022). */
  build: number;
  /** The update that brought the problem: its KB, and the update revision (UBR) it set. */
  introducedBy: { kb: string; ubr: number };
  /** The update that fixed it (out-of-band or a later cumulative update); null while none exists. */
  fixedBy: { kb: string; ubr: number } | null;
  /** Known Issue Rollback: Windows undoes the change itself, or by the group policy the source links. */
  knownIssueRollback: boolean;
  /** Which end the problem is on. */
  side: 'client' | 'server' | 'either';
  /** For everyone (shared/catalog/wording.ts applies): what the user sees. */
  symptomPlain: string;
  /** What to do, for everyone. */
  fixPlain: string;
  /** For helpdesk: the release-health wording, event ids, the KIR policy name. */
  technical: string;
  /** The Microsoft page the row comes from. */
  source: string;
  /** When Microsoft's entry says the problem was resolved (or mitigated), YYYY-MM-DD. */
  sourceDate: string;
}

export const knownRegressions: readonly KnownRegression[] = [
  {
    id: 'known-regression-2019-05-rdp-black-screen-1903',
    build: 18362,
    introducedBy: { kb: 'KB4497935', ubr: 145 },
    fixedBy: { kb: 'KB4512941', ubr: 329 },
    knownIssueRollback: false,
    side: 'server',
    symptomPlain: 'Connecting to it with Remote Desktop can show only a black screen when it has an older graphics driver.',
    fixPlain: 'Install its newest Windows update: the update of August 30, 2019 fixed it.',
    technical:
      'Windows release health, Windows 10, version 1903 (resolved issues, entry 253, opened July 12, 2019): "Initiating a Remote Desktop connection may result in black screen": a connection to a Windows 10 / Windows Server, version 1903 device running an affected display driver (including the Intel 4 series chipset iGPU) shows a black screen. Originating update KB4497935 (OS Build 18362.145, May 29, 2019); resolved in KB4512941 (OS Build 18362.329). MicrosoftDocs/windows-itpro-docs windows/release-information/resolved-issues-windows-10-1903.yml.',
    source: 'https://support.microsoft.com/help/4512941',
    sourceDate: '2019-08-30',
  },
  {
    id: 'known-regression-2019-02-rds-logoff-restart-2016',
    build: 14393,
    introducedBy: { kb: 'KB4487006', ubr: 2828 },
    fixedBy: { kb: 'KB4489882', ubr: 2848 },
    knownIssueRollback: false,
    side: 'server',
    symptomPlain:
      "A server that hosts several Remote Desktop sessions can stop and restart when one user signs out, which ends everyone's connection.",
    fixPlain: 'Install its newest Windows update: the update of March 12, 2019 fixed it.',
    technical:
      'Windows release health, Windows 10, version 1607 and Windows Server 2016 (resolved issues, entry 137): "Issue hosting multiple terminal server sessions and a user logs off on Windows Server": Windows Server 2016 stops and restarts; the faulting driver is win32kbase.sys. Originating update KB4487006 (OS Build 14393.2828, February 19, 2019); resolved in KB4489882 (OS Build 14393.2848, March 12, 2019). MicrosoftDocs/windows-itpro-docs windows/release-information/resolved-issues-windows-10-1607.yml.',
    source: 'https://support.microsoft.com/help/4489882',
    sourceDate: '2019-03-12',
  },
];

const SOURCE = /^https:\/\/(?:learn|support)\.microsoft\.com\/[\w./%?#=&-]+$/;

/** Why a row may not go into the table; empty when it may. */
export function regressionRowProblems(row: KnownRegression): string[] {
  const problems: string[] = [];
  if (!/^known-regression-\d{4}-\d{2}-[a-z0-9-]+$/.test(row.id))
    problems.push(`id is not "known-regression-<year>-<month>-<what>": ${row.id}`);
  if (!SOURCE.test(row.source)) problems.push(`source is not a learn.microsoft.com or support.microsoft.com page: ${row.source}`);
  if (!/^KB\d{6,7}$/.test(row.introducedBy.kb)) problems.push(`introducedBy.kb is not a KB number: ${row.introducedBy.kb}`);
  if (row.fixedBy && !/^KB\d{6,7}$/.test(row.fixedBy.kb)) problems.push(`fixedBy.kb is not a KB number: ${row.fixedBy.kb}`);
  if (row.fixedBy && row.fixedBy.ubr <= row.introducedBy.ubr) problems.push('the fix must come after the update that brought the problem');
  if (!row.fixedBy && !row.knownIssueRollback) problems.push('a row needs a fix: a later update or a Known Issue Rollback');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.sourceDate) || Number.isNaN(Date.parse(row.sourceDate)))
    problems.push(`sourceDate is not a date: ${row.sourceDate}`);
  for (const text of [row.symptomPlain, row.fixPlain]) problems.push(...plainTextProblems(text).map((p) => `plain text has ${p}`));
  return problems;
}
