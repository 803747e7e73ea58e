import { describe, expect, it } from 'vitest';
import { ids, updates, updatesIn, attempt, log, healthyClient, result } from '../../../test/support/client-results';
import type { CheckResult } from '../../results';
import type { NetworkType } from '../../network-type';
import { diagnose } from '../../diagnosis/rules';

describe('client-updates', () => {
  it('say when the failures began right after an update, and only then', () => {
    const events = [
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
      attempt('2026-11-20T08:00:00.000Z', 2308),
    ];
    const after = healthyClient().map((r) =>
      r.checkId === 'client-rdp-log'
        ? log(...events)
        : r.checkId === 'client-updates'
          ? updates(['KB5046617', '2026-11-18'], ['KB5044284', '2026-10-15'])
          : r,
    );
    const [f] = diagnose(after, { networkType: 'home' });
    expect(f?.id).toBe('failure-after-update');
    expect(f?.title).toBe('The error started after Windows update KB5046617');
    expect(f?.plain).toMatch(/Update history > Uninstall updates/);
    expect(f?.technical).toMatch(/wusa \/uninstall \/kb:5046617/);
    expect(f?.evidence.map((e) => e.checkId)).toEqual(['client-rdp-log', 'client-updates']);
    // An update before the last good connection explains nothing.
    const before = after.map((r) => (r.checkId === 'client-updates' ? updates(['KB5046617', '2026-11-12']) : r));
    expect(ids(before)).toEqual([]);
    // An update installed after the first failure cannot have caused it; one that day can (Windows
    // records the day only), and of two, the one closest to the failure is named.
    const later = after.map((r) => (r.checkId === 'client-updates' ? updates(['KB5046999', '2026-11-20']) : r));
    expect(ids(later)).toEqual([]);
    const sameDay = after.map((r) =>
      r.checkId === 'client-updates' ? updates(['KB5046999', '2026-11-20'], ['KB5046617', '2026-11-15'], ['KB5046618', '2026-11-19']) : r,
    );
    const [f2] = diagnose(sameDay, { networkType: 'home' });
    expect(f2?.title).toBe('The error started after Windows update KB5046618');
    expect(f2?.plain).toMatch(
      /^Connecting worked on 2026-11-14; KB5046618 was installed on 2026-11-19, and every attempt since ends with 0x904\./,
    );
    // An update the same day as the last good connection came after it or before it: nothing proves it.
    const successDay = after.map((r) => (r.checkId === 'client-updates' ? updates(['KB5046617', '2026-11-14']) : r));
    expect(ids(successDay)).toEqual([]);
  });

  it('names nothing without a good connection before the failures, or without 0x904 failures', () => {
    const withUpdate = (...events: ReturnType<typeof attempt>[]) =>
      healthyClient().map((r) =>
        r.checkId === 'client-rdp-log' ? log(...events) : r.checkId === 'client-updates' ? updates(['KB5046617', '2026-11-18']) : r,
      );
    expect(ids(withUpdate(attempt('2026-11-19T08:00:00.000Z', 2308), attempt('2026-11-20T08:00:00.000Z', 'ok')))).not.toContain(
      'failure-after-update',
    );
    expect(ids(withUpdate(attempt('2026-11-14T08:00:00.000Z', 'ok'), attempt('2026-11-19T08:00:00.000Z', 'ok')))).toEqual([]);
  });
});

describe('client-updates, as the user reads it', () => {
  const hotfixes = (...h: Array<[string, string | null]>) =>
    result('client-updates', {
      now: '2026-11-21T09:00:00.000Z',
      hotfixes: h.map(([id, installedOn]) => ({ id, description: 'Update', installedOn, dayStartsAt: installedOn })),
    });
  const scenario = (upd: CheckResult, ...events: ReturnType<typeof attempt>[]) =>
    healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(...events) : r.checkId === 'client-updates' ? upd : r));
  const finding = (results: CheckResult[], networkType: NetworkType = 'home') =>
    diagnose(results, { networkType }).find((f) => f.id === 'failure-after-update');

  it('lists the updates of the last 30 days with their day, and none older or without a date', () => {
    expect(hotfixes().summary).toBe('No Windows update installed in the last 30 days.');
    expect(hotfixes().status).toBe('pass');
    const r = hotfixes(
      ['KB5046617', '2026-11-18T00:00:00.000Z'],
      // exactly 30 days before the check ran
      ['KB5044001', '2026-10-22T09:00:00.000Z'],
      ['KB5044000', '2026-10-22T08:59:59.000Z'],
      ['KB890830', null],
    );
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('2 updates installed in the last 30 days: KB5046617 on 2026-11-18, KB5044001 on 2026-10-22.');
    expect(hotfixes(['KB5046617', '2026-11-18T00:00:00.000Z']).summary).toBe(
      '1 update installed in the last 30 days: KB5046617 on 2026-11-18.',
    );
  });

  it('says when it worked, when the update came, how to remove it, and on a company PC to tell IT', () => {
    const results = scenario(
      updates(['KB5046617', '2026-11-18']),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    const f = finding(results);
    expect(f?.plain).toMatch(
      /^Connecting worked on 2026-11-14; KB5046617 was installed on 2026-11-18, and every attempt since ends with 0x904\./,
    );
    expect(f?.plain).toMatch(/Uninstall updates\.$/);
    expect(f?.technical).toBe(
      'RDPClient/Operational: event 1026 with reason 2308 (0x904) since 2026-11-19T08:00:00.000Z, the last connected attempt 2026-11-14T08:00:00.000Z; Get-HotFix: KB5046617 installed 2026-11-18 (Windows records the day only). Remove as administrator: wusa /uninstall /kb:5046617.',
    );
    expect(f?.likelihood).toBe('possible');
    expect(f?.fixIds).toEqual([]);
    const log = results.find((r) => r.checkId === 'client-rdp-log')!;
    const upd = results.find((r) => r.checkId === 'client-updates')!;
    expect(f?.evidence).toEqual([
      { checkId: 'client-rdp-log', label: 'Remote Desktop log', value: log.summary },
      { checkId: 'client-updates', label: 'Recent updates', value: upd.summary },
    ]);
    expect(finding(results, 'domain')?.plain).toMatch(
      /Uninstall updates\. On a company PC, tell IT which update it was: they may hold it back for everyone\.$/,
    );
  });

  it('counts only 0x904 failures, from the last attempt that connected on', () => {
    // A failure for another reason before the update is not where 0x904 began.
    const other = scenario(
      updates(['KB5046617', '2026-11-18']),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-16T08:00:00.000Z', 264),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    expect(finding(other)?.title).toBe('The error started after Windows update KB5046617');
    // A connection after the update: it was not the update.
    const workedSince = scenario(
      updates(['KB5046617', '2026-11-15']),
      attempt('2026-11-10T08:00:00.000Z', 'ok'),
      attempt('2026-11-17T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    expect(finding(workedSince)).toBeUndefined();
    // It connected again after the failures: they are not the error the user has now.
    const recovered = scenario(
      updates(['KB5046617', '2026-11-18']),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
      attempt('2026-11-20T08:00:00.000Z', 'ok'),
    );
    expect(finding(recovered)).toBeUndefined();
    // An old one-off failure before the last good connection does not hide the failures since.
    const oneOff = scenario(
      updates(['KB5046617', '2026-11-18']),
      attempt('2026-11-01T08:00:00.000Z', 'ok'),
      attempt('2026-11-05T08:00:00.000Z', 2308),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    expect(finding(oneOff)?.plain).toMatch(/^Connecting worked on 2026-11-14; KB5046617 was installed on 2026-11-18/);
  });

  it('blames no update older than 30 days, and none whose install day is unknown', () => {
    const old = scenario(
      hotfixes(['KB5044000', '2026-10-10T00:00:00.000Z'], ['KB890830', null]),
      attempt('2026-10-05T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    expect(finding(old)).toBeUndefined();
  });

  it('needs both the log and the updates', () => {
    const results = scenario(
      updates(['KB5046617', '2026-11-18']),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    expect(ids(results.filter((r) => r.checkId !== 'client-updates'))).not.toContain('failure-after-update');
    expect(ids(results.filter((r) => r.checkId !== 'client-rdp-log'))).not.toContain('failure-after-update');
  });
});

describe('client-updates, on a computer that is not in UTC', () => {
  const withLog = (upd: CheckResult, ...events: ReturnType<typeof attempt>[]) =>
    healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(...events) : r.checkId === 'client-updates' ? upd : r));
  const finding = (results: CheckResult[]) => diagnose(results, { networkType: 'home' }).find((f) => f.id === 'failure-after-update');

  it("compares the update's day with the attempts on the computer's own calendar", () => {
    // Los Angeles (UTC-8): it worked at 17:00 on 17 November there (01:00 UTC on the 18th), the
    // update came on the 18th there, and it failed from the 19th: the update is named, on the
    // days the user lived them.
    const pacific = withLog(
      updatesIn(-480, ['KB5046617', '2026-11-18']),
      attempt('2026-11-18T01:00:00.000Z', 'ok'),
      attempt('2026-11-19T17:00:00.000Z', 2308),
    );
    expect(finding(pacific)?.plain).toMatch(/^Connecting worked on 2026-11-17; KB5046617 was installed on 2026-11-18,/);
    // Tokyo (UTC+9): 20:00 UTC on 17 November is the 18th there, the update's day: it may have
    // come before that good connection, so nothing proves it.
    const tokyo = withLog(
      updatesIn(540, ['KB5046617', '2026-11-18']),
      attempt('2026-11-17T20:00:00.000Z', 'ok'),
      attempt('2026-11-19T08:00:00.000Z', 2308),
    );
    expect(finding(tokyo)).toBeUndefined();
    // The same attempts on a UTC computer: the 18th is the day after the 17th, and it is named.
    expect(
      finding(
        withLog(
          updates(['KB5046617', '2026-11-18']),
          ...[attempt('2026-11-17T20:00:00.000Z', 'ok'), attempt('2026-11-19T08:00:00.000Z', 2308)],
        ),
      )?.id,
    ).toBe('failure-after-update');
  });

  it('counts an update whose day began before the first failure there, even on that day', () => {
    // UTC+9: the failure at 16:00 UTC on the 18th is 01:00 on the 19th there, the update's day.
    const results = withLog(
      updatesIn(540, ['KB5046618', '2026-11-19']),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-18T16:00:00.000Z', 2308),
    );
    expect(finding(results)?.title).toBe('The error started after Windows update KB5046618');
    // At 14:00 UTC it was still the 18th there: an update of the 19th came after the failure.
    const before = withLog(
      updatesIn(540, ['KB5046618', '2026-11-19']),
      attempt('2026-11-14T08:00:00.000Z', 'ok'),
      attempt('2026-11-18T14:00:00.000Z', 2308),
    );
    expect(finding(before)).toBeUndefined();
  });
});
