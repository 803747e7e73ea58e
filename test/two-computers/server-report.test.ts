import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseServerReport, SERVER_REPORT_MAX_CHARS } from '../../shared/server-report';
import { ServerLocator } from '../../electron/main/server-place/locator';
import { SIMULATED_LAPTOP } from '../../electron/main/simulated/simulated-ports';

const target = { host: 'office-pc', port: 3389 };
const firewallFacts = {
  activeProfiles: ['Private'],
  rules: [
    {
      name: 'RemoteDesktop-UserMode-In-TCP',
      displayName: 'Remote Desktop - User Mode (TCP-In)',
      enabled: false,
      profiles: ['Any'],
      protocol: 'TCP',
    },
  ],
};
const good = () => ({
  format: 'rdp-doctor-server-report',
  formatVersion: 1,
  computer: { name: 'OFFICE-PC', dnsName: 'office-pc.contoso.com', addresses: ['192.168.178.40', 'fe80::9'] },
  takenAt: '2026-12-01T10:02:03.000Z',
  madeFor: { host: 'office-pc', port: 3389 },
  checks: {
    'check-firewall-rdp': { ok: true, facts: firewallFacts },
    'check-rdp-key-permissions': { ok: false, error: { message: 'Access is denied.' } },
  },
});
const text = (v: unknown) => JSON.stringify(v);

describe('the server report file', () => {
  it('a report made on the target is read, whichever of its names the user typed', () => {
    for (const host of ['office-pc', 'OFFICE-PC', 'office-pc.contoso.com', '192.168.178.40']) {
      expect(parseServerReport(text(good()), { host })).toMatchObject({ ok: true });
    }
    // Windows PowerShell 5.1 writes UTF-8 with a byte order mark.
    expect(parseServerReport(`\uFEFF${text(good())}`, target).ok).toBe(true);
  });

  it('refuses, in one plain sentence each: not JSON, not a report, another version, damaged, foreign, too large', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"format": "rdp-doctor-server-rep', /not JSON/],
      [text({ hello: 'world' }), /not a server report from RDP Doctor/],
      [text({ ...good(), formatVersion: 2 }), /format version 2; this RDP Doctor reads version 1/],
      [text({ ...good(), takenAt: 'yesterday' }), /damaged \(takenAt/],
      [text({ ...good(), extra: 1 }), /damaged/],
      [text({ ...good(), checks: { 'fix-enable-rdp': { ok: true, facts: {} } } }), /results RDP Doctor does not know \(fix-enable-rdp\)/],
      [
        text({ ...good(), checks: { 'check-firewall-rdp': { ok: true, facts: { rules: 'all of them' } } } }),
        /result of check-firewall-rdp is not in the expected shape/,
      ],
      [
        text({
          ...good(),
          computer: { ...good().computer, name: 'SRV-B', dnsName: null, addresses: ['10.0.0.9'] },
          madeFor: { host: 'srv-b', port: 3389 },
        }),
        /from SRV-B, but you are diagnosing office-pc/,
      ],
      ['x'.repeat(SERVER_REPORT_MAX_CHARS + 1), /too large/],
    ];
    for (const [input, message] of cases) {
      const parsed = parseServerReport(input, target);
      expect(parsed.ok, input.slice(0, 80)).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
  });

  it('any mangling of a good report is either read whole or refused with a message; it never throws', () => {
    const base = text(good());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), fc.string({ maxLength: 8 }), (at, insert) => {
        const mangled = base.slice(0, at) + insert + base.slice(at + 1);
        const parsed = parseServerReport(mangled, target);
        if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 2000 },
    );
  });

  it('the locator keeps a good report for its target and places the server there; a bad one changes nothing', () => {
    const locator = new ServerLocator(SIMULATED_LAPTOP, null);
    expect(locator.placeFor(target)).toEqual({ kind: 'not-checked' });
    expect(() => locator.loadReport(target, text({ ...good(), formatVersion: 9 }))).toThrow(/format version 9/);
    expect(locator.placeFor(target)).toEqual({ kind: 'not-checked' });
    expect(locator.loadReport(target, text(good()))).toEqual({ computer: 'OFFICE-PC', takenAt: '2026-12-01T10:02:03.000Z', checks: 2 });
    expect(locator.placeFor(target)).toEqual({ kind: 'report', computer: 'OFFICE-PC', takenAt: '2026-12-01T10:02:03.000Z' });
    // A second, foreign file does not replace the good one.
    expect(() =>
      locator.loadReport(
        target,
        text({ ...good(), computer: { name: 'SRV-B', dnsName: null, addresses: [] }, madeFor: { host: 'srv-b', port: 3389 } }),
      ),
    ).toThrow();
    expect(locator.report(target)?.computer.name).toBe('OFFICE-PC');
    // Another target has no report.
    expect(locator.placeFor({ host: 'srv-b', port: 3389 })).toEqual({ kind: 'not-checked' });
  });
});

describe('a remoting session places the server only when it reaches the target', () => {
  const connectedTo = (host: string, computerName: string) => ({ status: () => ({ connected: true, host, computerName }) });
  it('the same computer under its short name, its DNS name, or its own answered name', () => {
    for (const [host, typed] of [
      ['office-pc.contoso.com', 'office-pc'],
      ['office-pc', 'OFFICE-PC.contoso.com'],
      ['10.0.0.5', 'office-pc'],
    ] as const) {
      const locator = new ServerLocator(SIMULATED_LAPTOP, connectedTo(host, 'OFFICE-PC'));
      expect(locator.placeFor({ host: typed, port: 3389 }), `${host} / ${typed}`).toEqual({ kind: 'remoting', computer: 'OFFICE-PC' });
    }
  });
  it('another computer is not the target, and a short name never matches an address', () => {
    expect(new ServerLocator(SIMULATED_LAPTOP, connectedTo('srv-b', 'SRV-B')).placeFor({ host: 'office-pc', port: 3389 })).toEqual({
      kind: 'not-checked',
    });
    expect(new ServerLocator(SIMULATED_LAPTOP, connectedTo('10.0.0.5', '10')).placeFor({ host: '10.0.0.6', port: 3389 })).toEqual({
      kind: 'not-checked',
    });
  });
});
