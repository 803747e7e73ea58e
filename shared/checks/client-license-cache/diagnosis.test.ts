import { describe, expect, it } from 'vitest';
import { attempt, healthyClient, license, log, result } from '../../../test/support/client-results';
import type { CheckResult } from '../../results';
import type { RdpClientEvent } from '../client-rdp-log/catalog';
import { diagnose } from '../../diagnosis/rules';

/** An attempt the server refused for want of a license: 1024, 1017, then 1026 (the server ended it). */
function refusedForLicense(time: string): RdpClientEvent[] {
  const [connecting, ended] = attempt(time, 3);
  return [connecting!, { id: 1017, time: ended!.time, activityId: connecting!.activityId, server: null, reason: null }, ended!];
}

const withLog = (...events: RdpClientEvent[][]) => healthyClient().map((r) => (r.checkId === 'client-rdp-log' ? log(...events) : r));

describe('client-license-cache', () => {
  it('reports a missing license cache as normal and an incomplete one as damaged', () => {
    expect(license({ exists: false }).status).toBe('pass');
    expect(license({ hasStore: false }).summary).toMatch(/incomplete: Store is missing/);
  });

  it('suspects a complete cache when this computer logged that the server refused its license (1017)', () => {
    const results = withLog(refusedForLicense('2026-11-21T08:00:00.000Z'));
    expect(results.find((r) => r.checkId === 'client-rdp-log')?.summary).toMatch(/ended without a license.*event 1017/);
    const [first] = diagnose(results);
    expect(first?.id).toBe('license-cache-damaged');
    expect(first?.likelihood).toBe('likely');
    expect(first?.fixIds).toEqual(['reset-license-cache']);
    expect(first?.plain).toMatch(/Run as administrator/);
    expect(first?.plain).toMatch(/no licenses left/);
    expect(first?.evidence.map((e) => e.checkId)).toEqual(['client-license-cache', 'client-rdp-log']);
  });

  it('does not suspect a complete cache when the refusal was an earlier attempt, or to another server', () => {
    const later = withLog(refusedForLicense('2026-11-20T08:00:00.000Z'), attempt('2026-11-21T08:00:00.000Z', 'ok'));
    expect(diagnose(later).map((f) => f.id)).not.toContain('license-cache-damaged');
    const other = withLog(refusedForLicense('2026-11-21T08:00:00.000Z').map((e) => (e.id === 1024 ? { ...e, server: 'other-pc' } : e)));
    expect(diagnose(other).map((f) => f.id)).not.toContain('license-cache-damaged');
    expect(diagnose(withLog(refusedForLicense('2026-11-21T08:00:00.000Z'))).map((f) => f.id)).toContain('license-cache-damaged');
  });

  it('suspects it for a licensing error the user reports, not for one that has other causes too', () => {
    const ids = (reportedError: string) => diagnose(healthyClient(), { networkType: 'home', reportedError }).map((f) => f.id);
    expect(ids('no-client-access-license')).toContain('license-cache-damaged');
    expect(ids('0x3/0x105')).toContain('license-cache-damaged');
    expect(ids('internal-error')).not.toContain('license-cache-damaged');
    expect(ids('0x904/0x7')).not.toContain('license-cache-damaged');
  });

  it('has nothing to reset when there is no cache', () => {
    const results = withLog(refusedForLicense('2026-11-21T08:00:00.000Z')).map((r) =>
      r.checkId === 'client-license-cache' ? license({ exists: false }) : r,
    );
    expect(diagnose(results).map((f) => f.id)).not.toContain('license-cache-damaged');
  });
});

describe('client-license-cache, as the user reads it', () => {
  const cache = (o: { exists?: boolean; hasHardwareId?: boolean; hasStore?: boolean; storeLicenses?: number }) =>
    result('client-license-cache', { exists: true, hasHardwareId: true, hasStore: true, storeLicenses: 1, ...o });
  const withCache = (c: CheckResult, ...events: RdpClientEvent[][]) =>
    healthyClient().map((r) =>
      r.checkId === 'client-license-cache' ? c : r.checkId === 'client-rdp-log' && events.length ? log(...events) : r,
    );

  it('the check line: none yet, which parts are missing, or how many licenses it holds', () => {
    expect(cache({ exists: false })).toMatchObject({
      status: 'pass',
      summary: 'There is no license cache yet; Remote Desktop creates it the first time a server hands out a license.',
    });
    expect(cache({ hasHardwareId: false })).toMatchObject({
      status: 'fail',
      summary: 'The license cache is incomplete: HardwareID is missing from HKLM\\SOFTWARE\\Microsoft\\MSLicensing.',
    });
    expect(cache({ hasHardwareId: false, hasStore: false }).summary).toBe(
      'The license cache is incomplete: HardwareID and Store are missing from HKLM\\SOFTWARE\\Microsoft\\MSLicensing.',
    );
    expect(cache({ storeLicenses: 2 })).toMatchObject({ status: 'pass', summary: 'The license cache is complete (2 stored licenses).' });
  });

  it('an incomplete cache: damaged, possible, the reset offered, and on a company PC a word about its servers', () => {
    const results = withCache(cache({ hasStore: false }));
    const home = diagnose(results, { networkType: 'home' }).find((f) => f.id === 'license-cache-damaged')!;
    expect(home).toMatchObject({
      title: 'The Remote Desktop license cache on this computer is damaged',
      likelihood: 'possible',
      score: 45,
      fixIds: ['reset-license-cache'],
      evidence: [
        {
          checkId: 'client-license-cache',
          label: 'License cache',
          value: results.find((r) => r.checkId === 'client-license-cache')!.summary,
        },
      ],
    });
    expect(home.plain).toMatch(/the "cannot store the license" form of 0x904\/0x7\)\. Resetting it is safe: it is saved first\./);
    expect(home.plain).not.toMatch(/company Remote Desktop Services/);
    expect(home.technical).toMatch(/^HKLM\\SOFTWARE\\Microsoft\\MSLicensing \(HardwareID, Store\) is missing parts/);
    const domain = diagnose(results, { networkType: 'domain' }).find((f) => f.id === 'license-cache-damaged')!;
    expect(domain.plain).toMatch(/ This matters most with company Remote Desktop Services servers that hand out licenses\.$/);
  });

  it("a refusal this computer logged: likely, with the log as evidence; one only reported: possible, the report's boost on top", () => {
    const logged = diagnose(withCache(cache({ storeLicenses: 3 }), refusedForLicense('2026-11-21T08:00:00.000Z'))).find(
      (f) => f.id === 'license-cache-damaged',
    )!;
    expect(logged).toMatchObject({ title: "The server refused this computer's Remote Desktop license", likelihood: 'likely', score: 60 });
    expect(logged.evidence.map((e) => e.checkId)).toEqual(['client-license-cache', 'client-rdp-log']);
    expect(logged.technical).toMatch(/holds a HardwareID and 3 stored licenses; RDPClient\/Operational logged 1017/);
    const reported = diagnose(withCache(cache({})), { networkType: 'home', reportedError: 'no-client-access-license' }).find(
      (f) => f.id === 'license-cache-damaged',
    )!;
    // 45 of its own, and 15 for being what the reported error points to (reported-error-codes.ts).
    expect(reported).toMatchObject({ likelihood: 'possible', score: 60, fixIds: ['reset-license-cache'] });
    expect(reported.technical).toMatch(/holds a HardwareID and 1 stored license; the reported error is a licensing one\./);
    // The log is no evidence here: it logged no refusal. The error the user reported is.
    expect(reported.evidence.map((e) => e.label)).toEqual(['License cache', 'The error you see now']);
  });
});
