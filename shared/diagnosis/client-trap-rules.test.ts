import { describe, expect, it } from 'vitest';
import type { RdpClientEvent } from '../checks/client-rdp-log/catalog';
import type { ServerPlace } from '../server-place';
import { clientApp, handshake, nla, result } from '../../test/support/diagnosis-fixtures';
import { namesThisComputer } from './client-trap-rules';
import { diagnose } from './rules';
import type { CheckResult } from '../results';
import { address, cert, report, tls } from '../../test/probe/fixtures';

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
    // Blanks around either name do not matter.
    expect(namesThisComputer(' LAPTOP-JURGEN ', 'laptop-jurgen')).toBe(true);
    expect(namesThisComputer('laptop-jurgen', ' LAPTOP-JURGEN ')).toBe(true);
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

describe('a certificate remembered here that the server no longer shows', () => {
  const SEEN = 'AB'.repeat(20);
  const pinned = (...servers: Array<{ name: string; certHash: string | null }>) =>
    result('client-pinned-certificate', { host: HOST, port: 3389, servers: servers.map((s) => ({ ...s, usernameHint: null })) });
  const wire = (selfSigned: boolean) =>
    result(
      'rdp-handshake',
      report({ target: { host: HOST, port: 3389 }, addresses: [address({ tls: tls({ certificate: cert({ selfSigned }) }) })] }),
    );
  const changed = (...r: CheckResult[]) => diagnose(r).find((f) => f.id === 'pinned-certificate-changed');

  it('another certificate than the one accepted: possible, no fix, both thumbprints shown, the warning about the password', () => {
    const f = changed(pinned({ name: HOST, certHash: 'CD'.repeat(20) }), wire(false))!;
    expect(f).toMatchObject({
      title: 'The server shows a different certificate than the one you accepted before',
      likelihood: 'possible',
      score: 25,
      fixIds: [],
    });
    expect(f.plain).toBe(
      `When you connected to ${HOST} before, you told Remote Desktop to trust its certificate and not ask again. The server now shows a different one, so Remote Desktop will ask you again. If you or your administrator know the server got a new certificate, check the details when asked and accept it. If nothing changed on the server, do not type your password: something between you and the server may be pretending to be it.`,
    );
    expect(f.technical).toMatch(
      new RegExp(
        `^CertHash under HKCU\\\\Software\\\\Microsoft\\\\Terminal Server Client\\\\Servers\\\\${HOST}: ${'CD'.repeat(20)}; the handshake saw SHA-1 ${SEEN}\\.`,
      ),
    );
    expect(f.evidence).toEqual([
      { checkId: 'client-pinned-certificate', label: 'Certificate remembered here', value: `${HOST}: ${'CD'.repeat(20)}` },
      { checkId: 'rdp-handshake', label: 'Certificate the server shows', value: `SHA-1 ${SEEN}` },
    ]);
  });

  it('a certificate Windows made itself: says that is often harmless', () => {
    expect(changed(pinned({ name: HOST, certHash: 'CD'.repeat(20) }), wire(true))!.plain).toContain(
      'Windows makes itself a new certificate now and then (and when one is repaired), so this is often harmless. ',
    );
  });

  it('several names remembered and several certificates seen: each listed; harmless when any address showed one Windows made', () => {
    const other = 'EF'.repeat(20);
    const r = result(
      'rdp-handshake',
      report({
        target: { host: HOST, port: 3389 },
        addresses: [
          address({ address: 'fe80::5', tls: null }),
          address({ address: '10.0.0.6', tls: tls({ outcome: 'reset', certificate: null }) }),
          address({ address: '10.0.0.7', tls: tls({ certificate: cert({ selfSigned: false, sha1: other }) }) }),
          address({ tls: tls({ certificate: cert({ selfSigned: true }) }) }),
        ],
      }),
    );
    const f = changed(pinned({ name: HOST, certHash: 'CD'.repeat(20) }, { name: `${HOST}.corp.example`, certHash: '12'.repeat(20) }), r)!;
    expect(f.technical).toMatch(
      new RegExp(
        `Servers\\\\${HOST}, ${HOST}\\.corp\\.example: ${'CD'.repeat(20)}, ${'12'.repeat(20)}; the handshake saw SHA-1 ${other}, ${SEEN}\\.`,
      ),
    );
    expect(f.evidence.map((e) => e.value)).toEqual([
      `${HOST}: ${'CD'.repeat(20)}; ${HOST}.corp.example: ${'12'.repeat(20)}`,
      `SHA-1 ${other}, ${SEEN}`,
    ]);
    expect(f.plain).toContain('so this is often harmless');
  });

  it('the same certificate, none remembered, or no connection test: nothing', () => {
    expect(changed(pinned({ name: HOST, certHash: SEEN }), wire(false))).toBeUndefined();
    expect(changed(pinned({ name: HOST, certHash: null }), wire(false))).toBeUndefined();
    expect(changed(pinned({ name: HOST, certHash: 'CD'.repeat(20) }))).toBeUndefined();
  });
});

describe('what the traps say, word for word', () => {
  it('connecting to itself by its own address: the how, the count and the last time', () => {
    const f = itself({ kind: 'this-computer', because: 'own-address' }, 2308, 1800)!;
    expect(f).toMatchObject({ title: 'You are connecting to this computer itself', score: 96, fixIds: [] });
    expect(f.plain).toMatch(/^"office-pc" is one of this computer's own addresses, so Remote Desktop/);
    expect(f.technical).toBe(
      "Server place: this computer (own-address). RDPClient/Operational 1026 for office-pc: 1 attempt(s) ended with reason 1800 (0x708), the last at 2026-11-21T08:01:00.000Z: a connection to this same computer's console.",
    );
    expect(f.evidence[0]).toEqual({
      checkId: 'client-rdp-log',
      label: 'Remote Desktop log',
      value: '1 attempt(s) to office-pc ended with 0x708, the last at 2026-11-21T08:01:00.000Z',
    });
    expect(itself({ kind: 'this-computer', because: 'loopback' }, 1800)!.plain).toMatch(/^"office-pc" is this computer's own address,/);
    expect(f.plain).toMatch(
      /which Windows refuses \(the error code it logged, 0x708, says so\)\. If you meant another computer, type its name or address instead \(if its name leads here, the name is set up wrong on your network\)\. If you are at the server to check it, that is fine: test the connection from another computer\.$/,
    );
  });

  it('the address leading back here: both names in the technical words and the evidence', () => {
    const n = nla(6, 26100);
    const wire = handshake(
      { 'TLSv1.2': 'yes' },
      { ...n, challenge: { ...n.challenge!, netbiosComputer: 'LAPTOP-7', dnsComputer: 'laptop-7.home' } },
    );
    const f = diagnose([wire], { networkType: 'home', server: { kind: 'not-checked' }, thisComputer: 'LAPTOP-7' }).find(
      (x) => x.id === 'connecting-to-itself',
    )!;
    expect(f).toMatchObject({ title: 'The address leads back to this computer', score: 80, fixIds: [] });
    expect(f.plain).toMatch(
      /which Windows refuses\. Check the address: a router that forwards the port back to this computer, or a name that points here by mistake, does this\.$/,
    );
    expect(f.technical).toMatch(
      /: NetBIOS computer LAPTOP-7, DNS computer laptop-7\.home; this computer is LAPTOP-7\. mstsc to its own console ends with reason 1800 \(0x708\)\.$/,
    );
    expect(f.evidence[0]).toEqual({ checkId: 'rdp-handshake', label: 'Name the server gave', value: 'LAPTOP-7 (laptop-7.home)' });
    // Known by its DNS name only.
    const dnsOnly = handshake(
      { 'TLSv1.2': 'yes' },
      { ...n, challenge: { ...n.challenge!, netbiosComputer: null, dnsComputer: 'laptop-7.home' } },
    );
    const g = diagnose([dnsOnly], { networkType: 'home', server: { kind: 'not-checked' }, thisComputer: 'LAPTOP-7' }).find(
      (x) => x.id === 'connecting-to-itself',
    )!;
    expect(g.plain).toMatch(/says its name is laptop-7\.home, which is the name of this computer/);
    expect(g.evidence[0]!.value).toBe('(laptop-7.home)');
    expect(g.technical).toContain(': NetBIOS computer ?, DNS computer laptop-7.home;');
    // Known by its NetBIOS name only.
    const netbiosOnly = handshake(
      { 'TLSv1.2': 'yes' },
      { ...n, challenge: { ...n.challenge!, netbiosComputer: 'LAPTOP-7', dnsComputer: null } },
    );
    const h = diagnose([netbiosOnly], { networkType: 'home', server: { kind: 'not-checked' }, thisComputer: 'LAPTOP-7' }).find(
      (x) => x.id === 'connecting-to-itself',
    )!;
    expect(h.evidence[0]!.value).toBe('LAPTOP-7');
    expect(h.technical).toContain(': NetBIOS computer LAPTOP-7, DNS computer ?;');
    // Without this computer's name nothing can be compared.
    expect(diagnose([wire], { networkType: 'home' }).map((x) => x.id)).not.toContain('connecting-to-itself');
  });

  it('Remote Desktop Connection missing: the Windows named, both apps in the evidence, the scores', () => {
    const app = (windowsApp: boolean) =>
      clientApp(26100, 4061, {
        mstsc: { path: 'C:\\Windows\\System32\\mstsc.exe', exists: false, version: null },
        windowsApp: { installed: windowsApp, version: null },
      });
    const none = diagnose([app(false)]).find((x) => x.id === 'rdp-app-missing')!;
    expect(none).toMatchObject({ title: 'Remote Desktop Connection is not installed on this computer', score: 90, fixIds: [] });
    expect(none.evidence).toEqual([
      {
        checkId: 'client-rdp-app',
        label: 'Remote Desktop apps here',
        value: 'Remote Desktop Connection: not installed; Windows App: not installed',
      },
    ]);
    expect(none.plain).toMatch(
      /^The Remote Desktop Connection app has been removed from this computer \(Windows 11 Pro \(build 26100\.4061\)\)\. No other/,
    );
    expect(none.technical).toMatch(
      /^C:\\Windows\\System32\\mstsc\.exe is absent .* Windows App \(MicrosoftCorporationII\.Windows365\): not installed\.$/,
    );
    expect(none.evidence[0]!.value).toBe('Remote Desktop Connection: not installed; Windows App: not installed');
    const withApp = diagnose([app(true)]).find((x) => x.id === 'rdp-app-missing')!;
    expect(withApp.score).toBe(60);
    expect(withApp.technical).toMatch(/Windows App \(MicrosoftCorporationII\.Windows365\): installed, version unknown\.$/);
    expect(withApp.evidence[0]!.value).toBe('Remote Desktop Connection: not installed; Windows App: installed');
  });
});
