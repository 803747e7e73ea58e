import { describe, expect, it } from 'vitest';
import { NOW, result, updates } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';

const hotfixes = (...list: Array<[id: string, installedOn: string | null]>) =>
  result('server-updates', { hotfixes: list.map(([id, installedOn]) => ({ id, description: 'Security Update', installedOn })), now: NOW });

describe('server-updates', () => {
  it('lists the updates of the last 7 days, newest first, with their day and how long ago', () => {
    const r = hotfixes(
      ['KB5001', '2026-11-15T08:00:00.000Z'],
      ['KB5002', '2026-11-20T08:00:00.000Z'],
      ['KB5003', '2026-11-21T08:30:00.000Z'],
    );
    expect(r.status).toBe('warn');
    expect(r.summary).toBe(
      'Installed in the last 7 days: KB5003 (2026-11-21, 0 days ago), KB5002 (2026-11-20, 1 day ago), KB5001 (2026-11-15, 6 days ago).',
    );
  });

  it('counts an update of exactly 7 days ago as recent, and none dated later than the server clock', () => {
    expect(hotfixes(['KB5001', '2026-11-14T09:00:00.000Z']).summary).toBe('Installed in the last 7 days: KB5001 (2026-11-14, 7 days ago).');
    const older = hotfixes(['KB5001', '2026-11-14T08:59:59.999Z']);
    expect(older.status).toBe('pass');
    expect(hotfixes(['KB5009', '2026-11-21T09:00:00.001Z']).status).toBe('pass');
    expect(hotfixes(['KB5009', NOW]).summary).toBe('Installed in the last 7 days: KB5009 (2026-11-21, 0 days ago).');
  });

  it('names the latest older update when none is recent, skipping updates without a date', () => {
    const r = hotfixes(
      ['KB4001', '2026-09-01T00:00:00.000Z'],
      ['KB4002', null],
      ['KB4003', '2026-10-01T00:00:00.000Z'],
      ['KB4000', '2026-08-01T00:00:00.000Z'],
    );
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('No update in the last 7 days; the latest is KB4003 (2026-10-01).');
    expect(hotfixes(['KB4002', null]).summary).toBe('No installed updates are listed.');
    expect(hotfixes().summary).toBe('No installed updates are listed.');
  });

  it('suspects the newest recent update, possibly, and shows how to remove it without doing it', () => {
    const [f] = diagnose([hotfixes(['KB5001', '2026-11-16T00:00:00.000Z'], ['kb5046616', '2026-11-19T00:00:00.000Z'])]);
    expect(f?.id).toBe('server-recent-update');
    expect(f?.title).toBe('An update was installed on the server recently');
    expect(f?.likelihood).toBe('possible');
    expect(f?.plain).toMatch(/^If Remote Desktop stopped working right after this update/);
    expect(f?.plain).toMatch(/ To remove it: on the server, Settings > Windows Update > Update history > Uninstall updates/);
    expect(f?.technical).toBe(
      'Get-HotFix on the server: kb5046616 installed 2026-11-19. Remove as administrator: wusa /uninstall /kb:5046616, then restart.',
    );
    expect(f?.evidence).toEqual([
      { checkId: 'server-updates', label: 'Recent updates', value: expect.stringMatching(/^Installed in the last 7 days: kb5046616/) },
    ]);
    expect(f?.fixIds).toEqual([]);
  });

  it('finds nothing for an update installed weeks ago', () => {
    expect(diagnose([updates('2026-10-01T00:00:00.000Z')])).toEqual([]);
  });

  it('still reports a warning from an older report without facts, without naming an update', () => {
    const old: CheckResult = { checkId: 'server-updates', status: 'warn', summary: 'Installed in the last 7 days: KB5001.', durationMs: 1 };
    const [f] = diagnose([old]);
    expect(f?.id).toBe('server-recent-update');
    expect(f?.technical).toBe('Get-HotFix on the server lists a recent update.');
    expect(f?.plain).toBe(
      'If Remote Desktop stopped working right after this update, it may be the cause. Check first whether the update is known to affect Remote Desktop; installing the next update is usually better than removing one.',
    );
  });
});
