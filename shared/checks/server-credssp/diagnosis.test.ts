import { describe, expect, it } from 'vitest';
import { findingOf } from '../../../test/support/rule-alone';
import { handshake as probe, nla } from '../../../test/support/diagnosis-fixtures';
import { credssp, NOW, result } from '../../../test/support/server-results';
import type { CheckResult } from '../../results';
import { credsspPatched, credsspPatchedByUpdates, serverCredSspDiagnosis } from './diagnosis';

const tspkg = (tspkgVersion: string | null, osVersion: string) => result('server-credssp', { tspkgVersion, osVersion });
const hotfixes = (...list: Array<[id: string, installedOn: string | null]>) => list.map(([id, installedOn]) => ({ id, installedOn }));
const updates = (...list: Array<[id: string, installedOn: string | null]>) =>
  result('server-updates', { hotfixes: hotfixes(...list).map((h) => ({ ...h, description: 'Update' })), now: NOW });
const clientPolicy = (allowEncryptionOracle: number | null) => result('client-credssp', { allowEncryptionOracle });
const rule = (...results: CheckResult[]) => findingOf(serverCredSspDiagnosis, ...results);

describe('server-credssp: the file version', () => {
  it('compare tspkg.dll with the 2018 CredSSP fix', () => {
    expect(credsspPatched({ tspkgVersion: '10.0.14393.1884' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '10.0.14393.2248' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '10.0.20348.2849' })).toBe(true);
    // Before Windows 10: the file versions Microsoft's Azure CredSSP article lists per version.
    expect(credsspPatched({ tspkgVersion: '6.1.7601.24000' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '6.1.7601.24117' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '6.3.9600.18998' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '6.2.9200.22432' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '6.0.6002.24000' })).toBe(null);
  });

  it('draws the line at the first fixed revision of each build, and each older file version', () => {
    const fixed: Array<[string, number]> = [
      ['10.0.10240', 17797],
      ['10.0.14393', 2125],
      ['10.0.15063', 966],
      ['10.0.16299', 309],
      ['6.1.7601', 24117],
      ['6.2.9200', 22432],
      ['6.3.9600', 18999],
    ];
    for (const [build, revision] of fixed) {
      expect([build, credsspPatched({ tspkgVersion: `${build}.${revision}` })]).toEqual([build, true]);
      expect([build, credsspPatched({ tspkgVersion: `${build}.${revision - 1}` })]).toEqual([build, false]);
    }
    // Every build after 16299 shipped with it; a Windows 10 build it does not know says nothing.
    expect(credsspPatched({ tspkgVersion: '10.0.16300.0' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '10.0.10586.0' })).toBe(null);
  });

  it('cannot tell from a missing or unreadable version', () => {
    for (const tspkgVersion of [null, '10.0.14393', '10.0.x.2248', '']) expect(credsspPatched({ tspkgVersion })).toBe(null);
  });

  it('says in its line whether the file has the fix, or that it cannot tell', () => {
    expect(tspkg('10.0.14393.2248', '10.0.14393')).toMatchObject({
      status: 'pass',
      summary: 'tspkg.dll 10.0.14393.2248 has the 2018 CredSSP updates.',
    });
    expect(tspkg('10.0.14393.1884', '10.0.14393')).toMatchObject({
      status: 'warn',
      summary:
        'tspkg.dll 10.0.14393.1884 is older than the CredSSP fix of March/May 2018: updated clients refuse Network Level Authentication with this server. Install the latest cumulative update on the server.',
    });
    expect(tspkg(null, '6.0.6002')).toMatchObject({
      status: 'pass',
      summary:
        'tspkg.dll was not found on Windows 6.0.6002: the version alone does not tell; check that an update from May 2018 or later is installed.',
    });
    expect(tspkg('6.0.6002.24000', '6.0.6002').summary).toMatch(/^tspkg\.dll 6\.0\.6002\.24000 on Windows 6\.0\.6002: the version alone/);
  });
});

describe('server-credssp: the installed updates of an older server', () => {
  it('knows each CredSSP update of March and May 2018 by its number, however cased', () => {
    const kbs: Record<string, string[]> = {
      '6.1.7601': ['KB4088875', 'KB4088878', 'KB4103718', 'KB4103712'],
      '6.2.9200': ['KB4088877', 'KB4088880', 'KB4103730', 'KB4103726'],
      '6.3.9600': ['KB4088876', 'KB4088879', 'KB4103725', 'KB4103715'],
    };
    for (const [os, list] of Object.entries(kbs))
      for (const kb of list)
        expect([os, kb, credsspPatchedByUpdates(os, hotfixes([kb.toLowerCase(), '2017-01-01T00:00:00Z']))]).toEqual([os, kb, true]);
    // Another version's update is not this one's.
    expect(credsspPatchedByUpdates('6.1.7601', hotfixes(['KB4088876', '2017-01-01T00:00:00Z']))).toBe(false);
  });

  it('reads a list that ends before March 13, 2018 as no fix, and anything else as cannot tell', () => {
    expect(
      credsspPatchedByUpdates('6.3.9600', hotfixes(['KB4000001', '2018-03-12T23:00:00Z'], ['KB4000002', '2016-05-01T00:00:00Z'])),
    ).toBe(false);
    expect(credsspPatchedByUpdates('6.3.9600', hotfixes(['KB4000001', '2018-03-13T00:00:00Z']))).toBe(null);
    expect(credsspPatchedByUpdates('6.3.9600', hotfixes(['KB4000001', '2017-03-13T00:00:00Z'], ['KB4000003', null]))).toBe(null);
    expect(credsspPatchedByUpdates('6.3.9600', [])).toBe(null);
    expect(credsspPatchedByUpdates('10.0.14393', hotfixes(['KB4000001', '2017-03-13T00:00:00Z']))).toBe(null);
  });
});

describe('server-credssp: what it finds', () => {
  it('makes an old tspkg.dll a likely finding, possible when this computer lets such servers in', () => {
    const old = credssp('10.0.14393.1884');
    const f = rule(old);
    expect(f?.id).toBe('credssp-outdated');
    expect(f?.title).toBe('The server lacks the 2018 CredSSP security update');
    expect(f?.plain).toMatch(/^Since May 2018, updated computers refuse to sign in to servers without this security fix\./);
    expect(f?.technical).toMatch(/^The server lacks the CredSSP fix for CVE-2018-0886/);
    expect(f?.learnMore).toMatch(/credssp-encryption-oracle-remediation$/);
    expect([f?.likelihood, f?.score]).toEqual(['likely', 55]);
    expect(f?.evidence).toEqual([{ checkId: 'server-credssp', label: 'CredSSP', value: old.summary }]);
    expect(f?.fixIds).toEqual([]);
    for (const value of [0, 1, null]) expect(rule(old, clientPolicy(value))?.likelihood).toBe('likely');
    const vulnerable = rule(old, clientPolicy(2));
    expect([vulnerable?.likelihood, vulnerable?.score]).toEqual(['possible', 30]);
  });

  it('on an older server the file does not tell about, names the newest update when all predate the fix', () => {
    const f = rule(
      tspkg(null, '6.3.9600'),
      updates(
        ['KB4000001', '2017-11-14T00:00:00.000Z'],
        ['KB4000002', '2017-12-12T00:00:00.000Z'],
        ['KB4000003', '2016-01-01T00:00:00.000Z'],
      ),
    );
    expect(f?.evidence).toEqual([
      {
        checkId: 'server-updates',
        label: 'Installed updates',
        value: 'Windows 6.3.9600: the newest update was installed on 2017-12-12, before the CredSSP fix of March 13, 2018',
      },
    ]);
    expect(rule(tspkg(null, '6.3.9600'), updates(['KB4103725', '2017-11-14T00:00:00.000Z']))).toBeNull();
    expect(rule(tspkg(null, '6.3.9600'))).toBeNull();
    // A file version that has the fix outweighs an old update list.
    expect(rule(tspkg('6.3.9600.18999', '6.3.9600'), updates(['KB4000001', '2017-11-14T00:00:00.000Z']))).toBeNull();
  });

  it("adds the server's TSRequest version from the wire when it is below 5", () => {
    const f = rule(credssp('10.0.14393.1884'), probe({ 'TLSv1.2': 'yes' }, nla(4, 14393)));
    expect(f?.evidence.map((e) => [e.checkId, e.label, e.value])).toEqual([
      ['server-credssp', 'CredSSP', expect.stringMatching(/^tspkg\.dll 10\.0\.14393\.1884/)],
      ['rdp-handshake', 'Server sign-in step', 'CredSSP (TSRequest) version 4: versions 5 and 6 carry the 2018 fix'],
    ]);
    expect(rule(probe({ 'TLSv1.2': 'yes' }, nla(3, null)))?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake']);
    expect(rule(probe({ 'TLSv1.2': 'yes' }, nla(6, 20348)))).toBeNull();
    // An old build in the NTLM challenge alone only may mean it: the wire's own finding says so.
    expect(rule(probe({ 'TLSv1.2': 'yes' }, nla(null, 14393)))).toBeNull();
  });

  it('finds nothing on a server with the fix', () => {
    expect(rule(credssp('10.0.14393.2248'))).toBeNull();
    expect(rule()).toBeNull();
  });
});
