import { describe, expect, it } from 'vitest';
import { onTheClock } from './machine-clock';
import { scenarioComputers } from './scenarios';

describe('the simulated computers on the real clock', () => {
  it('moves every instant of both computers by the same amount: the time of day is the clock’s, every interval the scenario’s', () => {
    const planted = scenarioComputers('certificate-expired');
    const before = JSON.stringify(planted);
    const now = new Date('2026-12-07T21:41:30.000Z');
    const { thisPc, server } = onTheClock(planted, now);
    expect(thisPc.now).toBe('2026-12-07T21:41:30.000Z');
    expect(server!.now).toBe('2026-12-07T21:41:30.000Z');
    // Expired 7 days 9 hours before the scenario's 09:00: still that long before the clock's now.
    const [cert] = server!.certificates.remoteDesktop;
    expect(Date.parse(server!.now) - Date.parse(cert!.notAfter)).toBe(
      Date.parse(planted.server.now) - Date.parse(planted.server.certificates.remoteDesktop[0]!.notAfter),
    );
    // Anything that is not an instant stays as written; the scenario itself is not changed.
    expect(cert!.thumbprint).toBe(planted.server.certificates.remoteDesktop[0]!.thumbprint);
    expect(JSON.stringify(planted)).toBe(before);
  });

  it('keeps a difference between the two clocks (a scenario about clock skew)', () => {
    const planted = scenarioComputers('healthy');
    planted.server.now = new Date(Date.parse(planted.thisPc.now) + 5 * 60_000).toISOString();
    const { thisPc, server } = onTheClock(planted, new Date('2026-12-07T21:00:00.000Z'));
    expect(thisPc.now).toBe('2026-12-07T21:00:00.000Z');
    expect(server!.now).toBe('2026-12-07T21:05:00.000Z');
  });
});
