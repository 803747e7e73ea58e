import { describe, expect, it } from 'vitest';
import { security } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';

/*
 * The server's RDP-Tcp security settings as the user reads them: the check line for each
 * combination (a policy value wins over the local one, and says so), and the finding each makes.
 */
const line = (...args: Parameters<typeof security>) => {
  const r = security(...args);
  return `${r.status}: ${r.summary}`;
};
const findingOf = (...args: Parameters<typeof security>) => diagnose([security(...args)])[0];

describe('the check line', () => {
  it('settings that work together, named one by one; weakened ones say to put TLS and NLA back', () => {
    expect(line()).toBe(
      'pass: The settings work together: security layer TLS, Network Level Authentication on, encryption level client compatible.',
    );
    expect(line({ securityLayer: 1, userAuthentication: 0, minEncryptionLevel: 3 })).toBe(
      'pass: The settings work together: security layer negotiated, Network Level Authentication off, encryption level high. Security is weakened: turn TLS and Network Level Authentication back on once the connection is tested.',
    );
    expect(line({ securityLayer: 0, userAuthentication: 0, minEncryptionLevel: 1 })).toBe(
      'pass: The settings work together: security layer the old Remote Desktop one (no TLS), Network Level Authentication off, encryption level low. Security is weakened: turn TLS and Network Level Authentication back on once the connection is tested.',
    );
    expect(line({ securityLayer: null, userAuthentication: null, minEncryptionLevel: null })).toBe(
      'pass: The settings work together: security layer Windows default, Network Level Authentication on, encryption level default.',
    );
    expect(line({ securityLayer: 7, minEncryptionLevel: 9 })).toBe(
      'pass: The settings work together: security layer 7, Network Level Authentication on, encryption level 9.',
    );
    expect(line({}, { securityLayer: 2, userAuthentication: 1 })).toBe(
      'pass: The settings work together: security layer TLS (set by group policy), Network Level Authentication on (set by group policy), encryption level client compatible.',
    );
  });

  it('NLA over the old RDP security: fails, and says which value a policy sets', () => {
    expect(line({ securityLayer: 0, userAuthentication: 1 })).toBe(
      'fail: Network Level Authentication is required, but the security layer is the old Remote Desktop one: Network Level Authentication needs TLS, so the two settings cannot work together.',
    );
    expect(line({ userAuthentication: 1 }, { securityLayer: 0 })).toBe(
      'fail: Network Level Authentication is required, but the security layer is the old Remote Desktop one (set by group policy): Network Level Authentication needs TLS, so the two settings cannot work together.',
    );
    // The policy's value wins over the local one, both ways.
    expect(security({ securityLayer: 0, userAuthentication: 1 }, { securityLayer: 2 }).status).toBe('pass');
  });

  it('FIPS by the system policy or by the encryption level; no negotiation', () => {
    expect(line({}, {}, 1)).toBe(
      'warn: FIPS-compliant encryption is required (FIPSAlgorithmPolicy Enabled = 1); clients and certificates that cannot do FIPS algorithms are refused.',
    );
    expect(line({}, { minEncryptionLevel: 4 })).toBe(
      'warn: FIPS-compliant encryption is required (MinEncryptionLevel 4 (set by group policy)); clients and certificates that cannot do FIPS algorithms are refused.',
    );
    expect(line({ fAllowSecProtocolNegotiation: 0 })).toBe(
      'warn: The server does not negotiate the security protocol (fAllowSecProtocolNegotiation = 0); clients that ask for another one are dropped.',
    );
  });
});

describe('the findings', () => {
  it('NLA over RDP security, set here: certain, TLS offered, and the isolation test', () => {
    const f = findingOf({ securityLayer: 0, userAuthentication: 1 })!;
    expect(f).toMatchObject({
      id: 'security-settings-conflict',
      title: "The server's security settings contradict each other",
      likelihood: 'certain',
      score: 89,
      fixIds: ['require-tls-security-layer', 'rdp-security-isolation-test'],
    });
    expect(f.plain).toMatch(/Setting the security to TLS fixes it and keeps the connection safe\.$/);
    expect(f.technical).toBe(
      'SecurityLayer = 0 (RDP) with UserAuthentication = 1 (NLA) under ...\\WinStations\\RDP-Tcp. Fix: SecurityLayer = 2 (TLS).',
    );
  });

  it('the same, set by a policy: no fix of ours, and it says whom to ask', () => {
    const f = findingOf({ userAuthentication: 1 }, { securityLayer: 0 })!;
    expect(f.fixIds).toEqual([]);
    expect(f.plain).toMatch(/ A company policy sets it, so RDP Doctor does not change it: ask whoever manages the policy\.$/);
    expect(f.technical).toContain('(SecurityLayer set by policy under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services)');
    // NLA required by a policy: the layer can still be fixed here, but not the isolation test.
    expect(findingOf({ securityLayer: 0 }, { userAuthentication: 1 })!.fixIds).toEqual(['require-tls-security-layer']);
  });

  it('FIPS and no negotiation: possible, each in its own words, nothing to fix from here', () => {
    expect(findingOf({}, {}, 1)).toMatchObject({
      id: 'fips-required',
      title: 'The server requires FIPS-compliant encryption',
      likelihood: 'possible',
      score: 35,
      fixIds: [],
      technical:
        'FIPSAlgorithmPolicy Enabled = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa, or MinEncryptionLevel = 4 (FIPS) on RDP-Tcp.',
    });
    expect(findingOf({}, {}, 1)!.plain).toMatch(/^FIPS mode limits the server to FIPS-approved algorithms\./);
    const off = findingOf({ fAllowSecProtocolNegotiation: 0 })!;
    expect(off).toMatchObject({
      id: 'security-negotiation-off',
      title: 'The server does not negotiate the security protocol',
      technical: 'fAllowSecProtocolNegotiation = 0 under ...\\WinStations\\RDP-Tcp (or by policy). Default 1.',
    });
    expect(off.plain).toMatch(/Switching negotiation back on \(the default\) fixes it\.$/);
  });

  it('weakened but working (the isolation test left on): a low note; full security: nothing', () => {
    for (const local of [{ securityLayer: 0, userAuthentication: 0 }, { userAuthentication: 0 }]) {
      expect(findingOf(local)).toMatchObject({
        id: 'rdp-security-weakened',
        title: 'Remote Desktop runs with weakened security',
        score: 10,
      });
    }
    expect(diagnose([security()])).toEqual([]);
  });

  it('the weakened note in its words: what is off, what it risks, how to put it back; no fix of ours', () => {
    const f = findingOf({ userAuthentication: 0 })!;
    expect(f.likelihood).toBe('possible');
    expect(f.plain).toMatch(/^TLS or sign-in before the session \(Network Level Authentication\) is off on the server\. Connections work/);
    expect(f.plain).toMatch(/put the previous settings back \(the summary offers it\)\.$/);
    expect(f.technical).toMatch(/^SecurityLayer = 0 \(RDP security\) or UserAuthentication = 0 \(no NLA\) on RDP-Tcp/);
    expect(f.fixIds).toEqual([]);
  });

  it("each finding's evidence is the check's own line", () => {
    for (const r of [
      security({ securityLayer: 0 }),
      security({}, {}, 1),
      security({ fAllowSecProtocolNegotiation: 0 }),
      security({ userAuthentication: 0 }),
    ]) {
      expect(diagnose([r])[0]?.evidence).toEqual([{ checkId: 'server-security-settings', label: 'Security settings', value: r.summary }]);
    }
  });

  it('settings that could not be read make no finding', () => {
    const unread = { ...security({ securityLayer: 0 }), facts: { broken: true } };
    expect(diagnose([unread])).toEqual([]);
  });
});
