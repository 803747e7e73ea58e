import { describe, expect, it } from 'vitest';
import { goodAces, cert, lockedKey, handshake } from '../../../test/support/server-results';
import { keyFileProblems } from './diagnosis';
import { diagnose } from '../../diagnosis/rules';

describe('server-key-permissions', () => {
  it('judge the key file ACL by SID: NETWORK SERVICE read, no deny, SYSTEM full', () => {
    expect(keyFileProblems(goodAces)).toEqual([]);
    expect(
      keyFileProblems([
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false },
        { sid: 'S-1-1-0', type: 'Allow', rights: 0x120089, inherited: true },
      ]),
    ).toEqual([]);
    expect(keyFileProblems([...goodAces, { sid: 'S-1-5-20', type: 'Deny', rights: 0x1, inherited: false }])[0]).toMatch(
      /deny entry for NETWORK SERVICE/,
    );
    // GENERIC_READ arrives from PowerShell as a negative Int32.
    expect(
      keyFileProblems([
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x10000000, inherited: false },
        { sid: 'S-1-5-20', type: 'Allow', rights: -2147483648, inherited: false },
      ]),
    ).toEqual([]);
    expect(lockedKey().status).toBe('fail');
  });

  it('makes an unreadable key one finding, not a certificate finding and a key finding', () => {
    const findings = diagnose([handshake(3), cert({ keyReadable: false }), lockedKey()]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-key-unreadable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake', 'server-key-permissions', 'server-certificate']);
    expect(findings[0]?.fixIds).toEqual(['repair-rdp-key-permissions']);
  });

  it('joins an expired certificate and the locked key that kept it from renewing', () => {
    const findings = diagnose([cert({ notAfter: '2026-11-14T00:00:00.000Z', keyReadable: false }), lockedKey()]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['server-certificate', 'server-key-permissions']);
    expect(findings[0]?.fixIds).toEqual(['repair-rdp-key-permissions', 'regenerate-rdp-certificate']);
  });
});
