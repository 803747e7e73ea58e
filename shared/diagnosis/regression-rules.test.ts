import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import { clientApp, handshake, nla } from '../../test/support/diagnosis-fixtures';
import { updates } from '../../test/support/client-results';
import { knownRegressions, regressionRowProblems, type KnownRegression } from './known-regressions';
import { clientLevel, matchRegression, regressionRule, serverLevel, type WindowsLevel } from './regression-rules';
import { defaultDiagnosisContext } from '../network-type';
import { diagnose } from './rules';

/*
 * The matcher, over made-up rows (these exist only in this test), then the shipped rows, each
 * cited from Microsoft's release health (known-regressions.ts), on servers and computers whose
 * build and updates match and on ones whose do not.
 */
const row = (over: Partial<KnownRegression> = {}): KnownRegression => ({
  id: 'known-regression-2099-01-test-row',
  build: 26100,
  introducedBy: { kb: 'KB5099001', ubr: 5000 },
  fixedBy: { kb: 'KB5099002', ubr: 5010 },
  knownIssueRollback: false,
  side: 'either',
  symptomPlain: 'Remote Desktop closes the connection right after you sign in.',
  fixPlain: 'Install the newest Windows update, which fixes it.',
  technical: 'Test row.',
  source: 'https://learn.microsoft.com/windows/release-health/status-windows-11-24h2',
  sourceDate: '2026-11-12',
  ...over,
});
const level = (over: Partial<WindowsLevel> = {}): WindowsLevel => ({
  side: 'client',
  build: 26100,
  ubr: null,
  hotfixes: null,
  evidence: [],
  ...over,
});

describe('matchRegression', () => {
  it('by update revision: from the update that brought it up to (not including) the fix', () => {
    expect(matchRegression(row(), level({ ubr: 5005 }))).toBe('has-it');
    expect(matchRegression(row(), level({ ubr: 5000 }))).toBe('has-it');
    expect(matchRegression(row(), level({ ubr: 4999 }))).toBeNull();
    expect(matchRegression(row(), level({ ubr: 5010 }))).toBeNull();
    expect(matchRegression(row({ fixedBy: null, knownIssueRollback: true }), level({ ubr: 9000 }))).toBe('has-it');
  });

  it('by installed updates when the revision is unknown; a missing KB proves nothing (superseded updates drop out of the list)', () => {
    expect(matchRegression(row(), level({ hotfixes: ['kb5099001'] }))).toBe('has-it');
    expect(matchRegression(row(), level({ hotfixes: ['KB5099001', 'KB5099002'] }))).toBeNull();
    // A fixed problem is claimed only with proof: an updated computer has the fix.
    expect(matchRegression(row(), level({ hotfixes: ['KB5044284'] }))).toBeNull();
    expect(matchRegression(row(), level())).toBeNull();
    // A problem nothing fixes yet (a Known Issue Rollback only) may be there on the build alone.
    const open = row({ fixedBy: null, knownIssueRollback: true });
    expect(matchRegression(open, level({ hotfixes: ['KB5044284'] }))).toBe('may-have-it');
    expect(matchRegression(open, level())).toBe('may-have-it');
  });

  it('another Windows build, or a row for the other end, never matches', () => {
    expect(matchRegression(row(), level({ build: 20348, ubr: 5005 }))).toBeNull();
    expect(matchRegression(row({ side: 'server' }), level({ ubr: 5005 }))).toBeNull();
    expect(matchRegression(row({ side: 'server' }), level({ side: 'server', ubr: 5005 }))).toBe('has-it');
  });
});

describe('which computer a row is checked against', () => {
  const serverUpdates = (status: CheckResult['status']): CheckResult => ({
    checkId: 'server-updates',
    status,
    summary: 'x',
    facts: {
      hotfixes: [{ id: 'KB5099001', description: 'Security Update', installedOn: '2026-11-12T00:00:00.000Z' }],
      now: '2026-11-21T09:00:00.000Z',
    },
    durationMs: 1,
  });
  const serverTls = (status: CheckResult['status']): CheckResult => ({
    checkId: 'server-tls-versions',
    status,
    summary: 'x',
    facts: { protocols: [], osVersion: '10.0.26100.0' },
    durationMs: 1,
  });

  it('this computer: build and revision from the app check, updates from its update list', () => {
    expect(clientLevel({ 'client-rdp-app': clientApp(26100, 5003), 'client-updates': updates(['KB5099001', '2026-11-12']) })).toMatchObject(
      {
        build: 26100,
        ubr: 5003,
        hotfixes: ['KB5099001'],
      },
    );
    expect(clientLevel({})).toBeNull();
  });

  it('the server: its own checks only where they ran; else the build its sign-in step gave over the network', () => {
    expect(serverLevel({ 'server-updates': serverUpdates('pass'), 'server-tls-versions': serverTls('pass') })).toMatchObject({
      build: 26100,
      ubr: null,
      hotfixes: ['KB5099001'],
    });
    // "Not checked from this computer": whatever facts such a result carries are not the server's.
    expect(serverLevel({ 'server-updates': serverUpdates('not-checked'), 'server-tls-versions': serverTls('not-checked') })).toBeNull();
    expect(serverLevel({ 'rdp-handshake': handshake({ 'TLSv1.2': 'yes' }, nla(6, 26100)) })).toMatchObject({
      build: 26100,
      ubr: null,
      hotfixes: null,
    });
  });

  it('the rule: a finding per computer that matches, likely with proof, possible with the build alone (an open problem)', () => {
    const rule = regressionRule([row({ fixedBy: null, knownIssueRollback: true })]);
    const results = { 'client-rdp-app': clientApp(26100, 5005), 'rdp-handshake': handshake({ 'TLSv1.2': 'yes' }, nla(6, 26100)) };
    const found = [rule(results, defaultDiagnosisContext)].flat().filter((f) => f !== null);
    expect(found.map((f) => [f.title.startsWith('This computer') ? 'client' : 'server', f.likelihood])).toEqual([
      ['client', 'likely'],
      ['server', 'possible'],
    ]);
    expect(found[0]?.learnMore).toBe(row().source);
    expect(found[0]?.plain).toMatch(/has update KB5099001/);
    // The same row once a fixing update exists: proof on this computer, nothing from the wire alone.
    expect([regressionRule([row()])(results, defaultDiagnosisContext)].flat().map((f) => f?.title.split(' ')[0])).toEqual(['This']);
    const kbPage = regressionRule([row({ source: 'https://support.microsoft.com/help/5099001' })])(
      { 'client-rdp-app': clientApp(26100, 5005) },
      defaultDiagnosisContext,
    );
    // "Learn more" opens learn.microsoft.com only; a KB page is named in the technical text.
    expect([kbPage].flat()[0]?.learnMore).toBeUndefined();
    expect([kbPage].flat()[0]?.technical).toContain('https://support.microsoft.com/help/5099001');
  });
});

describe('a known-regression finding, as the user reads it', () => {
  const serverSide = (osVersion: string | null, hotfixes: string[] | null): CheckResult[] => [
    ...(osVersion
      ? [
          {
            checkId: 'server-tls-versions' as const,
            status: 'pass' as const,
            summary: 'x',
            facts: { protocols: [], osVersion },
            durationMs: 1,
          },
        ]
      : []),
    ...(hotfixes
      ? [
          {
            checkId: 'server-updates' as const,
            status: 'pass' as const,
            summary: 'x',
            facts: { hotfixes: hotfixes.map((id) => ({ id, description: 'Update', installedOn: null })), now: '2026-11-21T09:00:00.000Z' },
            durationMs: 1,
          },
        ]
      : []),
  ];
  const byId = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.checkId, r]));

  it('on this computer: its build and revision, and its updates (or that none are listed), as evidence; likely, 65', () => {
    const rule = regressionRule([row()]);
    const [f] = [rule({ 'client-rdp-app': clientApp(26100, 5005), 'client-updates': updates() }, defaultDiagnosisContext)].flat();
    expect(f).toMatchObject({
      id: 'known-regression-2099-01-test-row',
      title: 'This computer has a Windows update known to break Remote Desktop (KB5099001)',
      plain:
        'This computer has update KB5099001, which Microsoft lists as breaking Remote Desktop: Remote Desktop closes the connection right after you sign in. Install the newest Windows update, which fixes it.',
      technical:
        'Test row. Build 26100, introduced by KB5099001 (.5000), fixed by KB5099002 (.5010). Source: https://learn.microsoft.com/windows/release-health/status-windows-11-24h2 (2026-11-12).',
      likelihood: 'likely',
      score: 65,
      fixIds: [],
    });
    expect(f?.evidence).toEqual([
      { checkId: 'client-rdp-app', label: 'Windows on this computer', value: 'build 26100.5005' },
      { checkId: 'client-updates', label: 'Updates on this computer', value: 'none listed' },
    ]);
    // Proof by the update list (revision unknown): the build alone, and the updates by name.
    const [g] = [
      rule(
        { 'client-rdp-app': clientApp(26100, null), 'client-updates': updates(['KB5099001', '2026-11-12'], ['KB5044284', '2026-10-15']) },
        defaultDiagnosisContext,
      ),
    ].flat();
    expect(g?.evidence.map((e) => e.value)).toEqual(['build 26100', 'KB5099001, KB5044284']);
    // Without an update list, the build is the only evidence; without a build, nothing is claimed.
    expect(clientLevel({ 'client-rdp-app': clientApp(26100, 5005) })?.evidence.map((e) => e.checkId)).toEqual(['client-rdp-app']);
    expect(clientLevel({ 'client-rdp-app': clientApp(0, 5005) })).toBeNull();
  });

  it('on the server: its Windows from its own check, or from its sign-in step; may have it with the build alone, possible, 35', () => {
    const open = regressionRule([row({ fixedBy: null, knownIssueRollback: true, side: 'server' })]);
    const [f] = [open(byId(serverSide('10.0.26100.0', [])), defaultDiagnosisContext)].flat();
    expect(f?.title).toBe('The server has a Windows update known to break Remote Desktop (KB5099001)');
    expect(f?.plain).toMatch(/^The server may have update KB5099001, which Microsoft lists as breaking Remote Desktop: /);
    expect(f?.technical).toMatch(/introduced by KB5099001 \(\.5000\), fixed by none yet; Known Issue Rollback available\. Source: /);
    expect(f).toMatchObject({ likelihood: 'possible', score: 35 });
    expect(f?.evidence).toEqual([
      { checkId: 'server-tls-versions', label: "The server's Windows", value: '10.0.26100.0' },
      { checkId: 'server-updates', label: 'Updates on the server', value: 'none listed' },
    ]);
    // From the sign-in step when the server's own checks did not run; its updates by name.
    const wire = serverLevel({ 'rdp-handshake': handshake({ 'TLSv1.2': 'yes' }, nla(6, 26100)), ...byId(serverSide(null, ['kb5099001'])) });
    expect(wire?.evidence).toEqual([
      { checkId: 'rdp-handshake', label: "The server's Windows (from its sign-in step)", value: '10.0.26100' },
      { checkId: 'server-updates', label: 'Updates on the server', value: 'kb5099001' },
    ]);
    // A lower-case KB in the list is the same update: proof, so likely.
    expect(
      [regressionRule([row({ side: 'server' })])({ ...byId(serverSide('10.0.26100.0', ['kb5099001'])) }, defaultDiagnosisContext)].flat()[0]
        ?.likelihood,
    ).toBe('likely');
    // An OS version without a build number is no build.
    expect(serverLevel(byId(serverSide('10.0', null)))).toBeNull();
  });
});

describe('the table', () => {
  it('refuses a row without a Microsoft source, without a fix, or with jargon in its plain text', () => {
    expect(regressionRowProblems(row())).toEqual([]);
    expect(regressionRowProblems(row({ source: 'https://www.windowsforum.com/threads/rdp' }))).toEqual([
      expect.stringMatching(/not a learn\.microsoft\.com or support\.microsoft\.com page/),
    ]);
    expect(regressionRowProblems(row({ fixedBy: null }))).toEqual([expect.stringMatching(/needs a fix/)]);
    expect(regressionRowProblems(row({ symptomPlain: 'TermService crashes in termsrv.dll.' })).length).toBeGreaterThan(0);
  });

  // What the reviewer reads for a row that may not go in: each field, whole (nothing before or after).
  it.each([
    [{ id: 'known-regression-2019-02' }, 'id is not "known-regression-<year>-<month>-<what>": known-regression-2019-02'],
    [{ id: 'old-known-regression-2019-02-x' }, 'id is not "known-regression-<year>-<month>-<what>": old-known-regression-2019-02-x'],
    [
      { id: 'known-regression-2019-02-black screen' },
      'id is not "known-regression-<year>-<month>-<what>": known-regression-2019-02-black screen',
    ],
    [
      { source: 'see https://support.microsoft.com/help/4512941' },
      'source is not a learn.microsoft.com or support.microsoft.com page: see https://support.microsoft.com/help/4512941',
    ],
    [
      { source: 'https://support.microsoft.com/help/4512941 (archived copy)' },
      'source is not a learn.microsoft.com or support.microsoft.com page: https://support.microsoft.com/help/4512941 (archived copy)',
    ],
    [{ introducedBy: { kb: 'KB12345', ubr: 5000 } }, 'introducedBy.kb is not a KB number: KB12345'],
    [{ introducedBy: { kb: 'see KB5099001', ubr: 5000 } }, 'introducedBy.kb is not a KB number: see KB5099001'],
    [{ introducedBy: { kb: 'KB5099001-v2', ubr: 5000 } }, 'introducedBy.kb is not a KB number: KB5099001-v2'],
    [{ fixedBy: { kb: 'KB12345', ubr: 5010 } }, 'fixedBy.kb is not a KB number: KB12345'],
    [{ fixedBy: { kb: 'see KB5099002', ubr: 5010 } }, 'fixedBy.kb is not a KB number: see KB5099002'],
    [{ fixedBy: { kb: 'KB5099002-v2', ubr: 5010 } }, 'fixedBy.kb is not a KB number: KB5099002-v2'],
    [{ fixedBy: { kb: 'KB5099002', ubr: 5000 } }, 'the fix must come after the update that brought the problem'],
    [{ sourceDate: '2019-13-45' }, 'sourceDate is not a date: 2019-13-45'],
    [{ sourceDate: 'on 2019-08-30' }, 'sourceDate is not a date: on 2019-08-30'],
    [{ sourceDate: '2019-08-30T00:00' }, 'sourceDate is not a date: 2019-08-30T00:00'],
    [{ fixPlain: 'Run wusa to install it.' }, 'plain text has a program, file or tool name: "wusa"'],
  ] as const)('%j: %s', (over, problem) => {
    expect(regressionRowProblems(row(over as Partial<KnownRegression>))).toEqual([problem]);
  });

  it('a row without a later update but with a Known Issue Rollback may go in', () => {
    expect(regressionRowProblems(row({ fixedBy: null, knownIssueRollback: true }))).toEqual([]);
  });

  it('every shipped row passes that review', () => {
    expect(knownRegressions.flatMap((r) => regressionRowProblems(r).map((p) => `${r.id}: ${p}`))).toEqual([]);
  });
});

describe('the shipped rows, on computers that match and computers that do not', () => {
  const server = (osVersion: string, kbs: string[], status: CheckResult['status'] = 'pass'): CheckResult[] => [
    { checkId: 'server-tls-versions', status, summary: 'x', facts: { protocols: [], osVersion }, durationMs: 1 },
    {
      checkId: 'server-updates',
      status,
      summary: 'x',
      facts: {
        hotfixes: kbs.map((id) => ({ id, description: 'Security Update', installedOn: '2019-06-01T00:00:00.000Z' })),
        now: '2019-07-20T09:00:00.000Z',
      },
      durationMs: 1,
    },
  ];
  const regressions = (results: CheckResult[]) => diagnose(results).filter((f) => f.id.startsWith('known-regression-'));

  it('Windows 10 / Server 1903 with KB4497935 and without KB4512941: the black-screen row, likely, on the server, with its Microsoft source', () => {
    const [found, ...more] = regressions(server('10.0.18362.0', ['KB4497935', 'KB4503293']));
    expect(more).toEqual([]);
    expect(found).toMatchObject({ id: 'known-regression-2019-05-rdp-black-screen-1903', likelihood: 'likely' });
    expect(found?.title).toBe('The server has a Windows update known to break Remote Desktop (KB4497935)');
    expect(found?.plain).toMatch(/black screen .* August 30, 2019 fixed it\.$/);
    expect(found?.technical).toContain('Source: https://support.microsoft.com/help/4512941 (2019-08-30).');
  });

  it("each row's finding says what breaks, what fixes it, and Microsoft's entry with its source and date", () => {
    const [blackScreen] = regressions(server('10.0.18362.0', ['KB4497935']));
    expect(blackScreen?.plain).toBe(
      'The server has update KB4497935, which Microsoft lists as breaking Remote Desktop: Connecting to it with Remote Desktop can show only a black screen when it has an older graphics driver. Install its newest Windows update: the update of August 30, 2019 fixed it.',
    );
    expect(blackScreen?.technical).toMatch(
      /^Windows release health, Windows 10, version 1903 \(resolved issues, entry 253, opened July 12, 2019\): "Initiating a Remote Desktop connection may result in black screen": .*\/resolved-issues-windows-10-1903\.yml\. Build 18362, introduced by KB4497935 \(\.145\), fixed by KB4512941 \(\.329\)\. Source: https:\/\/support\.microsoft\.com\/help\/4512941 \(2019-08-30\)\.$/,
    );
    const [restart] = regressions(server('10.0.14393.0', ['KB4487006']));
    expect(restart?.plain).toBe(
      "The server has update KB4487006, which Microsoft lists as breaking Remote Desktop: A server that hosts several Remote Desktop sessions can stop and restart when one user signs out, which ends everyone's connection. Install its newest Windows update: the update of March 12, 2019 fixed it.",
    );
    expect(restart?.technical).toMatch(
      /^Windows release health, Windows 10, version 1607 and Windows Server 2016 \(resolved issues, entry 137\): "Issue hosting multiple terminal server sessions and a user logs off on Windows Server": .*win32kbase\.sys.*\/resolved-issues-windows-10-1607\.yml\. Build 14393, introduced by KB4487006 \(\.2828\), fixed by KB4489882 \(\.2848\)\. Source: https:\/\/support\.microsoft\.com\/help\/4489882 \(2019-03-12\)\.$/,
    );
    // Neither row has a Known Issue Rollback, and a KB page is no "Learn more" link.
    for (const f of [blackScreen, restart]) expect(f?.learnMore).toBeUndefined();
  });

  it('Server 2016 with KB4487006 and without KB4489882: the sign-out restart row; with the fix installed, nothing', () => {
    expect(regressions(server('10.0.14393.0', ['KB4487006'])).map((f) => [f.id, f.likelihood])).toEqual([
      ['known-regression-2019-02-rds-logoff-restart-2016', 'likely'],
    ]);
    expect(regressions(server('10.0.14393.0', ['KB4487006', 'KB4489882']))).toEqual([]);
    expect(regressions(server('10.0.18362.0', ['KB4497935', 'KB4512941']))).toEqual([]);
  });

  it('a fixed problem needs proof: the build seen over the network, or an update list naming neither update, claims nothing', () => {
    expect(regressions([handshake({ 'TLSv1.2': 'yes' }, nla(6, 14393))])).toEqual([]);
    // Get-HotFix on a Server 2016 kept up to date lists the newest cumulative update only.
    expect(regressions(server('10.0.14393.0', ['KB5066836']))).toEqual([]);
    expect(regressions(server('10.0.14393.0', []))).toEqual([]);
  });

  it('other builds, this computer (the rows are about the server), and unread server checks: nothing', () => {
    expect(regressions(server('10.0.20348.0', ['KB4497935', 'KB4487006']))).toEqual([]);
    expect(regressions(server('10.0.26100.0', []))).toEqual([]);
    expect(regressions(server('10.0.18362.0', ['KB4497935'], 'not-checked'))).toEqual([]);
    expect(regressions([{ ...clientApp(18362, 200), computer: 'LAPTOP' }])).toEqual([]);
  });
});
