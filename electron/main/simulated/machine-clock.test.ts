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

  it('keeps each update on its day against the attempts, whatever the time of day: the computers get a time zone', () => {
    const planted = scenarioComputers('client-failure-after-update');
    const localDay = (iso: string, offsetMinutes: number) => new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 10);
    const dayNumber = (day: string) => Date.parse(day) / 86_400_000;
    const plantedAttempts = planted.thisPc.client.rdpClientLog.events.map((e) => e.time);
    const plantedUpdate = planted.thisPc.client.hotfixes[0]!.installedOn!;
    for (let minutes = 0; minutes < 24 * 60; minutes += 37) {
      const now = new Date(Date.parse('2026-12-08T00:00:00.000Z') + minutes * 60_000);
      const { thisPc, server } = onTheClock(planted, now);
      const offset = thisPc.utcOffsetMinutes!;
      // A real time zone: at most 12 hours from UTC; both computers in the same one.
      expect(Math.abs(offset)).toBeLessThanOrEqual(12 * 60);
      expect(server!.utcOffsetMinutes).toBe(offset);
      expect(thisPc.now).toBe(now.toISOString());
      // On the computer's calendar every attempt and the update moved by the same whole days.
      const moved = dayNumber(thisPc.client.hotfixes[0]!.installedOn!.slice(0, 10)) - dayNumber(plantedUpdate.slice(0, 10));
      expect(Number.isInteger(moved)).toBe(true);
      thisPc.client.rdpClientLog.events.forEach((e, i) =>
        expect(dayNumber(localDay(e.time, offset)) - dayNumber(plantedAttempts[i]!.slice(0, 10)), `${now.toISOString()} event ${i}`).toBe(
          moved,
        ),
      );
      // An install day stays a day (Windows keeps no time).
      expect(thisPc.client.hotfixes.every((h) => h.installedOn === null || h.installedOn.endsWith('T00:00:00.000Z'))).toBe(true);
      expect(thisPc.hotfixes.every((h) => h.installedOn === null || h.installedOn.endsWith('T00:00:00.000Z'))).toBe(true);
    }
  });
});
