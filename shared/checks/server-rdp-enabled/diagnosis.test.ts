import { describe, expect, it } from 'vitest';
import { findingOf } from '../../../test/support/rule-alone';
import { rdpEnabled } from '../../../test/support/server-results';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import { serverRdpEnabledDiagnosis } from './diagnosis';

const tcp = (state: 'open' | 'refused' | 'filtered'): CheckResult => {
  const facts = { port: 3389, attempts: [{ address: '10.0.0.5', state, ms: 3, error: null }] };
  return { checkId: 'tcp-port', ...evaluate('tcp-port', facts), facts, durationMs: 1 };
};
const rule = (...results: CheckResult[]) => findingOf(serverRdpEnabledDiagnosis, ...results);

describe('server-rdp-enabled', () => {
  it('reads the switch as Windows stores it: 0 on, any other value or none at all off', () => {
    expect(rdpEnabled(0)).toMatchObject({
      status: 'pass',
      summary: 'Remote Desktop is turned on ("Allow remote connections to this computer").',
    });
    expect(rdpEnabled(1)).toMatchObject({
      status: 'fail',
      summary: 'Remote Desktop is turned off on the server (fDenyTSConnections = 1).',
    });
    expect(rdpEnabled(null)).toMatchObject({
      status: 'fail',
      summary: 'Remote Desktop is not turned on: fDenyTSConnections is missing, and Windows then refuses remote connections.',
    });
  });

  it('lets a group policy win over the setting on the server, either way', () => {
    expect(rdpEnabled(1, 0)).toMatchObject({ status: 'pass', summary: 'A group policy turns Remote Desktop on.' });
    const off = rdpEnabled(0, 1);
    expect(off.status).toBe('fail');
    expect(off.summary).toBe(
      'A group policy turns Remote Desktop off (fDenyTSConnections = 1 under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services). Only whoever manages that policy can change it.',
    );
  });

  it('offers to switch Remote Desktop on when the server itself has it off', () => {
    const [f] = diagnose([rdpEnabled(1)]);
    expect(f?.id).toBe('rdp-disabled');
    expect(f?.title).toBe('Remote Desktop is turned off on the server');
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(/"Allow remote connections to this computer" is off\)\. Turning it on fixes that\./);
    expect(f?.technical).toMatch(
      /^fDenyTSConnections = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\. Fix: set it to 0/,
    );
    expect(f?.fixIds).toEqual(['enable-rdp']);
    expect(f?.evidence).toEqual([
      {
        checkId: 'server-rdp-enabled',
        label: 'Remote Desktop switch',
        value: 'Remote Desktop is turned off on the server (fDenyTSConnections = 1).',
      },
    ]);
  });

  it('sends whoever manages a policy that turns it off, with no fix', () => {
    const [f] = diagnose([rdpEnabled(0, 1)]);
    expect(f?.title).toBe('A group policy turns Remote Desktop off on the server');
    expect(f?.plain).toMatch(/^A company policy says "do not allow remote connections".*ask whoever manages them\.$/);
    expect(f?.technical).toMatch(/Policies\\Microsoft\\Windows NT\\Terminal Services\. Group Policy: Computer Configuration/);
    expect(f?.fixIds).toEqual([]);
  });

  it('reads a failed result without facts (an older report) as the switch on the server, fixable', () => {
    const old: CheckResult = { checkId: 'server-rdp-enabled', status: 'fail', summary: 'Remote Desktop is turned off.', durationMs: 1 };
    expect(rule(old)?.fixIds).toEqual(['enable-rdp']);
    expect(rule(old)?.title).toBe('Remote Desktop is turned off on the server');
  });

  it('lists a refused port test first as its evidence, and no port test that answered', () => {
    expect(rule(rdpEnabled(1), tcp('refused'))?.evidence.map((e) => [e.checkId, e.label])).toEqual([
      ['tcp-port', 'Port test'],
      ['server-rdp-enabled', 'Remote Desktop switch'],
    ]);
    for (const other of [tcp('open'), tcp('filtered')])
      expect(rule(rdpEnabled(1), other)?.evidence.map((e) => e.checkId)).toEqual(['server-rdp-enabled']);
    expect(rule(rdpEnabled(1))?.evidence.map((e) => e.checkId)).toEqual(['server-rdp-enabled']);
    expect(rule(rdpEnabled(0), tcp('refused'))).toBeNull();
  });
});
