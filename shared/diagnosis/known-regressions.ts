import { plainTextProblems } from '../catalog/wording';

/**
 * Windows updates known to break Remote Desktop, one row each, reviewed by a person before it is
 * added. A row is shown when this computer, or the server where its checks ran, has the Windows
 * build the row names and the update that brought the problem, without the one that fixed it.
 *
 * Seeding rule: a row goes in only with a source on learn.microsoft.com or support.microsoft.com
 * (Windows release health, the KB article) that states the symptom and the fix; never from a
 * forum, a news site or memory. The table is empty: when it was built (December 2026), searching
 * the reference corpora found no such Microsoft page that could be read and cited, only third-party
 * reports (news sites, forums, blogs) of the January 2026 Remote Desktop sign-in failures and the
 * 2025 session freezes. Microsoft's build table (learn.microsoft.com/windows/release-health/
 * windows-server-release-info) gives builds and KB numbers, not symptoms, so it cannot seed a row
 * alone.
 */
export interface KnownRegression {
  /** Stable id, e.g. "2026-01-rdp-sign-in". */
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
}

export const knownRegressions: readonly KnownRegression[] = [];

const SOURCE = /^https:\/\/(?:learn|support)\.microsoft\.com\/[\w./%?#=&-]+$/;

/** Why a row may not go into the table; empty when it may. */
export function regressionRowProblems(row: KnownRegression): string[] {
  const problems: string[] = [];
  if (!SOURCE.test(row.source)) problems.push(`source is not a learn.microsoft.com or support.microsoft.com page: ${row.source}`);
  if (!/^KB\d{6,7}$/.test(row.introducedBy.kb)) problems.push(`introducedBy.kb is not a KB number: ${row.introducedBy.kb}`);
  if (row.fixedBy && !/^KB\d{6,7}$/.test(row.fixedBy.kb)) problems.push(`fixedBy.kb is not a KB number: ${row.fixedBy.kb}`);
  if (row.fixedBy && row.fixedBy.ubr <= row.introducedBy.ubr) problems.push('the fix must come after the update that brought the problem');
  if (!row.fixedBy && !row.knownIssueRollback) problems.push('a row needs a fix: a later update or a Known Issue Rollback');
  for (const text of [row.symptomPlain, row.fixPlain]) problems.push(...plainTextProblems(text).map((p) => `plain text has ${p}`));
  return problems;
}
