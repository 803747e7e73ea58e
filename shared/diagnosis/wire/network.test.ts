import { describe, expect, it } from 'vitest';
import { learnMore } from '../../catalog/learn-more';
import type { DnsFacts, TcpFacts, TcpState } from '../../network-facts';
import { networkFindings } from './network';

/** What the name lookup and the TCP connect to the port show, before any Remote Desktop byte. */

const resolved: DnsFacts = {
  host: 'rdp.contoso.com',
  addresses: [
    { address: '10.0.0.5', family: 4 },
    { address: 'fe80::5', family: 6 },
  ],
  error: null,
};
const at = (address: string, state: TcpState, ms = 12.4, error: string | null = null) => ({ address, state, ms, error });
const tcp = (...attempts: TcpFacts['attempts']): TcpFacts => ({ port: 3390, attempts });
const only = (f: ReturnType<typeof networkFindings>) => {
  expect(f).toHaveLength(1);
  return f[0]!;
};

describe('the name does not resolve', () => {
  it('is certain when the resolver said no, and names what it said', () => {
    const f = only(networkFindings({ host: 'rdp.contoso.com', addresses: [], error: 'ENOTFOUND' }, tcp(), false));
    expect(f).toMatchObject({
      id: 'name-does-not-resolve',
      title: 'The computer name cannot be found',
      plain: expect.stringMatching(/^Your computer cannot turn the name into an address\. Check the spelling, try the IP address/),
      technical: 'DNS lookup of rdp.contoso.com: ENOTFOUND. Try Resolve-DnsName rdp.contoso.com.',
      likelihood: 'certain',
      score: 100,
      evidence: [{ checkId: 'dns', label: 'Name lookup', value: 'rdp.contoso.com: ENOTFOUND' }],
      fixIds: [],
    });
  });

  it('is only possible when the lookup timed out or was cancelled, and says so when no code came back', () => {
    for (const error of ['timeout', 'cancelled']) {
      expect(only(networkFindings({ host: 'h', addresses: [], error }, null, false)).likelihood).toBe('possible');
    }
    const none = only(networkFindings({ host: 'h', addresses: [], error: null }, null, false));
    expect(none.likelihood).toBe('certain');
    expect(none.technical).toBe('DNS lookup of h: no A or AAAA record. Try Resolve-DnsName h.');
    expect(none.evidence[0]?.value).toBe('h: no address');
  });
});

describe('the port', () => {
  it('open on every address, or not tried at all, is no finding', () => {
    expect(networkFindings(resolved, tcp(at('10.0.0.5', 'open'), at('fe80::5', 'open')), false)).toEqual([]);
    expect(networkFindings(resolved, null, false)).toEqual([]);
    expect(networkFindings(null, null, false)).toEqual([]);
  });

  it('open on some addresses only is a note that lists every address', () => {
    for (const dead of ['filtered', 'unreachable'] as const) {
      const f = only(networkFindings(resolved, tcp(at('10.0.0.5', 'open'), at('fe80::5', dead, 3000.4, 'no answer')), false));
      expect(f).toMatchObject({
        id: 'some-addresses-blocked',
        title: "Some of the server's addresses do not answer",
        plain: expect.stringMatching(
          /^The name has several addresses and port 3390 answers on only some of them\. .*often the IPv6 address is blocked/,
        ),
        technical: `TCP 3390: 10.0.0.5 open, fe80::5 ${dead}. Test-NetConnection -ComputerName <address> -Port 3390 per address.`,
        likelihood: 'possible',
        score: 25,
        fixIds: [],
      });
      expect(f.evidence).toEqual([
        { checkId: 'tcp-port', label: 'Port 3390 on 10.0.0.5', value: 'open (12 ms)' },
        { checkId: 'tcp-port', label: 'Port 3390 on fe80::5', value: `${dead} (3000 ms): no answer` },
      ]);
    }
    // A refusal next to an open address is a different service on one address, not a blocked path.
    expect(networkFindings(resolved, tcp(at('10.0.0.5', 'open'), at('fe80::5', 'refused')), false)).toEqual([]);
  });

  it('silent on every address points at a firewall, with the silent addresses as evidence and the firewall fix', () => {
    const f = only(networkFindings(resolved, tcp(at('10.0.0.5', 'filtered', 3000), at('fe80::5', 'refused', 1)), false));
    expect(f).toMatchObject({
      id: 'port-filtered',
      title: 'Something silently blocks the Remote Desktop port',
      plain: expect.stringMatching(
        /^The connection to port 3390 gets no answer at all: it is dropped on the way\. A firewall does this: Windows Firewall on the server/,
      ),
      technical: expect.stringMatching(
        /^TCP SYN to 3390 unanswered on every address \(filtered\)\. Server: Get-NetFirewallRule -Group '@FirewallAPI\.dll,-28752'/,
      ),
      learnMore: learnMore.firewallBlocksInbound,
      likelihood: 'likely',
      score: 75,
      fixIds: ['enable-firewall-rdp'],
    });
    expect(f.evidence).toEqual([{ checkId: 'tcp-port', label: 'Port 3390 on 10.0.0.5', value: 'filtered (3000 ms)' }]);
  });

  it('refused says nothing listens, certainly, with the refusals as evidence', () => {
    const f = only(networkFindings(resolved, tcp(at('10.0.0.5', 'refused', 1, 'ECONNREFUSED'), at('fe80::5', 'unreachable')), false));
    expect(f).toMatchObject({
      id: 'port-closed',
      title: 'Nothing listens on the Remote Desktop port',
      plain:
        'The computer answered, but nothing listens on port 3390: Remote Desktop is turned off, its service is stopped, or it listens on a different port.',
      technical: 'TCP RST on port 3390. Server: fDenyTSConnections, TermService status, PortNumber under ...\\WinStations\\RDP-Tcp.',
      learnMore: learnMore.generalTroubleshooting,
      likelihood: 'certain',
      score: 90,
      fixIds: [],
    });
    expect(f.evidence).toEqual([{ checkId: 'tcp-port', label: 'Port 3390 on 10.0.0.5', value: 'refused (1 ms): ECONNREFUSED' }]);
  });

  it('reset right after connecting is the server hanging up, before a missing route', () => {
    const f = only(networkFindings(resolved, tcp(at('10.0.0.5', 'error', 2, 'ECONNRESET'), at('fe80::5', 'unreachable', 1)), false));
    expect(f).toMatchObject({
      id: 'closed-before-negotiation',
      title: 'The server hangs up as soon as you connect',
      plain: expect.stringMatching(
        /^Something on the port accepts the connection and immediately resets it, before any Remote Desktop greeting\./,
      ),
      technical: expect.stringMatching(
        /^ECONNRESET right after the TCP handshake\. Server: MaxOutstandingConnections, Security 4625 floods/,
      ),
      learnMore: learnMore.bruteForce,
      likelihood: 'likely',
      score: 85,
      fixIds: [],
    });
    expect(f.evidence.map((e) => e.value)).toEqual(['error (2 ms): ECONNRESET', 'unreachable (1 ms)']);
  });

  it('no route says to connect the VPN, with the unreachable addresses as evidence', () => {
    const f = only(
      networkFindings(resolved, tcp(at('10.0.0.5', 'unreachable', 1, 'EHOSTUNREACH'), at('fe80::5', 'error', 1, 'EACCES')), false),
    );
    expect(f).toMatchObject({
      id: 'host-unreachable',
      title: 'There is no route to the server',
      plain: expect.stringMatching(/^Your computer has no network path to that address\. Connect the VPN the server is behind/),
      technical: 'EHOSTUNREACH / ENETUNREACH: no route (Get-NetRoute, the VPN adapter state).',
      likelihood: 'likely',
      score: 80,
      fixIds: [],
    });
    expect(f.evidence).toEqual([{ checkId: 'tcp-port', label: 'Port 3390 on 10.0.0.5', value: 'unreachable (1 ms): EHOSTUNREACH' }]);
  });

  it('any other socket error is a possible local problem, unless the check was interrupted', () => {
    const errors = tcp(at('10.0.0.5', 'error', 1, 'EACCES'), at('fe80::5', 'error', 2, 'EPERM'));
    const f = only(networkFindings(resolved, errors, false));
    expect(f).toMatchObject({
      id: 'connection-error',
      title: 'The connection to the port fails',
      plain: expect.stringMatching(
        /^Connecting to the port failed with an unusual network error\. Check the network connection and any VPN/,
      ),
      technical: 'Socket errors: error (1 ms): EACCES; error (2 ms): EPERM.',
      likelihood: 'possible',
      score: 50,
      fixIds: [],
    });
    expect(f.evidence.map((e) => e.label)).toEqual(['Port 3390 on 10.0.0.5', 'Port 3390 on fe80::5']);
    expect(networkFindings(resolved, errors, true)).toEqual([]);
    expect(networkFindings(resolved, tcp(), false)).toEqual([]);
  });
});
