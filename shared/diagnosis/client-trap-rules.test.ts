import { describe, expect, it } from 'vitest';
import type { RdpClientEvent } from '../checks/client-rdp-log/catalog';
import type { ServerPlace } from '../server-place';
import { clientApp, handshake, nla, result } from '../../test/support/diagnosis-fixtures';
import { namesThisComputer } from './client-trap-rules';
import { diagnose } from './rules';

const HOST = 'office-pc';
const log = (...reasons: number[]) =>
  result('client-rdp-log', {
    host: HOST,
    port: 3389,
    logEnabled: true,
    events: reasons.flatMap((reason, i): RdpClientEvent[] => [
      { id: 1024, time: `2026-11-21T08:0${i}:00.000Z`, activityId: `a-${i}`, server: HOST, reason: null },
      { id: 1026, time: `2026-11-21T08:0${i}:01.000Z`, activityId: `a-${i}`, server: null, reason },
    ]),
  });
const itself = (server: ServerPlace | undefined, ...reasons: number[]) =>
  diagnose([log(...reasons)], { networkType: 'home', server }).find((f) => f.id === 'connecting-to-itself');

describe('connecting to this computer itself', () => {
  it('the target is this computer by name and the attempts ended with 0x708: certain, said plainly', () => {
    const f = itself({ kind: 'this-computer', because: 'own-name' }, 1800, 1800);
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(/"office-pc" is this computer's own name, so Remote Desktop on this computer connected to itself/);
    expect(f?.technical).toContain('0x708');
    expect(f?.evidence[0]?.value).toMatch(/2 attempt\(s\) to office-pc ended with 0x708/);
  });

  it('not when the user said "I am on it" (on purpose), not when the server is elsewhere, not for other errors', () => {
    expect(itself({ kind: 'this-computer', because: 'user-said' }, 1800)).toBeUndefined();
    expect(itself({ kind: 'remoting', computer: HOST }, 1800)).toBeUndefined();
    expect(itself({ kind: 'not-checked' }, 1800)).toBeUndefined();
    expect(itself(undefined, 1800)).toBeUndefined();
    // A loopback target with 0x904: the loopback listener stands for a real server (and Windows
    // Server accepts loopback connections); checking the server from itself is not a trap.
    expect(itself({ kind: 'this-computer', because: 'loopback' }, 2308)).toBeUndefined();
  });
});

describe('the address leads back to this computer (before anyone connects)', () => {
  const answeredAs = (netbios: string, dns: string | null = null) => {
    const n = nla(6, 26100);
    return handshake({ 'TLSv1.2': 'yes' }, { ...n, challenge: { ...n.challenge!, netbiosComputer: netbios, dnsComputer: dns } });
  };
  const leadsHere = (server: ServerPlace, netbios: string, thisComputer = 'LAPTOP-JURGEN') =>
    diagnose([answeredAs(netbios)], { networkType: 'home', server, thisComputer }).find((f) => f.id === 'connecting-to-itself');

  it("the server's NTLM challenge gives this computer's name: likely, said with both names", () => {
    const f = leadsHere({ kind: 'not-checked' }, 'LAPTOP-JURGEN', 'laptop-jurgen');
    expect(f?.likelihood).toBe('likely');
    expect(f?.plain).toMatch(/says its name is LAPTOP-JURGEN, which is the name of this computer/);
    expect(f?.evidence[0]?.checkId).toBe('rdp-handshake');
  });

  it('another name, or a target already known to be this computer: nothing', () => {
    expect(leadsHere({ kind: 'not-checked' }, 'OFFICE-PC')).toBeUndefined();
    expect(leadsHere({ kind: 'this-computer', because: 'own-name' }, 'LAPTOP-JURGEN')).toBeUndefined();
  });

  it('compares as Windows names do: any case, NetBIOS cut to 15 characters, a DNS name by its first label', () => {
    expect(namesThisComputer('DESKTOP-ABCDEFG', 'desktop-abcdefghij')).toBe(true);
    expect(namesThisComputer('laptop-jurgen.corp.example', 'LAPTOP-JURGEN')).toBe(true);
    expect(namesThisComputer('OFFICE-PC', 'LAPTOP-JURGEN')).toBe(false);
    expect(namesThisComputer(null, 'LAPTOP-JURGEN')).toBe(false);
  });
});

describe('Remote Desktop Connection missing', () => {
  const app = (mstsc: boolean, windowsApp: boolean) =>
    clientApp(26100, 4061, {
      mstsc: { path: 'C:\\Windows\\System32\\mstsc.exe', exists: mstsc, version: null },
      windowsApp: { installed: windowsApp, version: windowsApp ? '2.0.420.0' : null },
    });

  it('nothing to connect with: certain, with the way to get it back', () => {
    const f = diagnose([app(false, false)]).find((x) => x.id === 'rdp-app-missing');
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(/nothing to connect with/);
    expect(f?.learnMore).toMatch(/uninstall-remote-desktop-connection$/);
  });

  it('only Windows App: likely, and says what to use', () => {
    const f = diagnose([app(false, true)]).find((x) => x.id === 'rdp-app-missing');
    expect(f?.likelihood).toBe('likely');
    expect(f?.plain).toMatch(
      /Windows App is installed, but RDP Doctor starts its test connections with Remote Desktop Connection, which is not here/,
    );
    expect(f?.plain).toMatch(/install Remote Desktop Connection again/);
  });

  it('installed: no finding', () => {
    expect(diagnose([app(true, true)]).map((x) => x.id)).not.toContain('rdp-app-missing');
  });
});
