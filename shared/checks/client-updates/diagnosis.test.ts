import { describe, expect, it } from 'vitest';
import { ids, updates, attempt, log, healthyClient } from '../../../test/support/client-results';
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
