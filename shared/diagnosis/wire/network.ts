import type { Evidence, Finding } from '../../results';
import type { DnsFacts, TcpFacts } from '../../network-facts';
import { learnMore } from '../../catalog/learn-more';

/** What the name lookup and the TCP connection to the port showed, per address. */

export function networkFindings(dns: DnsFacts | null, tcp: TcpFacts | null, interrupted: boolean): Finding[] {
  if (dns && dns.addresses.length === 0) {
    return [
      {
        id: 'name-does-not-resolve',
        title: 'The computer name cannot be found',
        plain:
          'Your computer cannot turn the name into an address. Check the spelling, try the IP address, or connect the VPN the server is behind.',
        technical: `DNS lookup of ${dns.host}: ${dns.error ?? 'no A or AAAA record'}. Try Resolve-DnsName ${dns.host}.`,
        likelihood: dns.error === 'timeout' || dns.error === 'cancelled' ? 'possible' : 'certain',
        score: 100,
        evidence: [{ checkId: 'dns', label: 'Name lookup', value: `${dns.host}: ${dns.error ?? 'no address'}` }],
        fixIds: [],
      },
    ];
  }
  if (!tcp) return [];
  const port = tcp.port;
  const tcpEv = (filter: (s: string) => boolean): Evidence[] =>
    tcp.attempts
      .filter((t) => filter(t.state))
      .map((t) => ({
        checkId: 'tcp-port',
        label: `Port ${port} on ${t.address}`,
        value: `${t.state} (${Math.round(t.ms)} ms)${t.error ? `: ${t.error}` : ''}`,
      }));
  const states = new Set(tcp.attempts.map((t) => t.state));
  if (states.has('open')) {
    if (states.has('filtered') || states.has('unreachable')) {
      return [
        {
          id: 'some-addresses-blocked',
          title: "Some of the server's addresses do not answer",
          plain: `The name has several addresses and port ${port} answers on only some of them. Remote Desktop may try a dead one first and fail or be slow; often the IPv6 address is blocked by a firewall while IPv4 works.`,
          technical: `TCP ${port}: ${tcp.attempts.map((t) => `${t.address} ${t.state}`).join(', ')}. Test-NetConnection -ComputerName <address> -Port ${port} per address.`,
          likelihood: 'possible',
          score: 25,
          evidence: tcpEv(() => true),
          fixIds: [],
        },
      ];
    }
    return [];
  }
  if (states.has('filtered')) {
    return [
      {
        id: 'port-filtered',
        title: 'Something silently blocks the Remote Desktop port',
        plain: `The connection to port ${port} gets no answer at all: it is dropped on the way. A firewall does this: Windows Firewall on the server (its "Remote Desktop" rules are off for the network it is on), a router, your internet provider, a VPN that is not connected, or security software. Check the server's firewall first.`,
        technical: `TCP SYN to ${port} unanswered on every address (filtered). Server: Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752' against the active profile; also NSG, router port forwarding, VPN.`,
        learnMore: learnMore.firewallBlocksInbound,
        likelihood: 'likely',
        score: 75,
        evidence: tcpEv((s) => s === 'filtered'),
        fixIds: ['enable-firewall-rdp'],
      },
    ];
  }
  if (states.has('refused')) {
    return [
      {
        id: 'port-closed',
        title: 'Nothing listens on the Remote Desktop port',
        plain: `The computer answered, but nothing listens on port ${port}: Remote Desktop is turned off, its service is stopped, or it listens on a different port.`,
        technical: `TCP RST on port ${port}. Server: fDenyTSConnections, TermService status, PortNumber under ...\\WinStations\\RDP-Tcp.`,
        learnMore: learnMore.generalTroubleshooting,
        likelihood: 'certain',
        score: 90,
        evidence: tcpEv((s) => s === 'refused'),
        fixIds: [],
      },
    ];
  }
  if (tcp.attempts.some((t) => t.error === 'ECONNRESET')) {
    return [
      {
        id: 'closed-before-negotiation',
        title: 'The server hangs up as soon as you connect',
        plain:
          'Something on the port accepts the connection and immediately resets it, before any Remote Desktop greeting. An address restriction or security software on the server, or Remote Desktop overwhelmed by connection attempts, does this.',
        technical:
          'ECONNRESET right after the TCP handshake. Server: MaxOutstandingConnections, Security 4625 floods, IP restrictions of security software.',
        learnMore: learnMore.bruteForce,
        likelihood: 'likely',
        score: 85,
        // No address opened (that returned above): every attempt is evidence.
        evidence: tcpEv(() => true),
        fixIds: [],
      },
    ];
  }
  if (states.has('unreachable')) {
    return [
      {
        id: 'host-unreachable',
        title: 'There is no route to the server',
        plain:
          'Your computer has no network path to that address. Connect the VPN the server is behind, or check that you are on the right network.',
        technical: 'EHOSTUNREACH / ENETUNREACH: no route (Get-NetRoute, the VPN adapter state).',
        likelihood: 'likely',
        score: 80,
        evidence: tcpEv((s) => s === 'unreachable'),
        fixIds: [],
      },
    ];
  }
  // Open, filtered, refused and unreachable returned above: what is left are socket errors.
  const errors = tcpEv(() => true);
  return errors.length && !interrupted
    ? [
        {
          id: 'connection-error',
          title: 'The connection to the port fails',
          plain:
            'Connecting to the port failed with an unusual network error. Check the network connection and any VPN or security software on this computer.',
          technical: `Socket errors: ${errors.map((e) => e.value).join('; ')}.`,
          likelihood: 'possible',
          score: 50,
          evidence: errors,
          fixIds: [],
        },
      ]
    : [];
}
