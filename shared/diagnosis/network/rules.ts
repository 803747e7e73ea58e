import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, tcpState, type Rule } from '../rule-kit';

const nameDoesNotResolve: Rule = (r) =>
  failed(r.dns)
    ? {
        id: 'name-does-not-resolve',
        title: 'The computer name cannot be found',
        plain:
          'Your computer cannot turn the name into an address. Check the spelling, try the IP address, or connect the VPN the server is behind.',
        technical:
          'DNS returned no A or AAAA record for the name (see the evidence for the resolver error: ENOTFOUND, ETIMEOUT...). Try Resolve-DnsName <name>, and the FQDN if you typed a short name.',
        likelihood: 'certain',
        score: 100,
        evidence: [evidenceOf(r.dns, 'Name lookup')],
        fixIds: [],
      }
    : null;

const portClosed: Rule = (r) =>
  tcpState(r['tcp-port']) === 'refused' && r['tcp-port']
    ? {
        id: 'port-closed',
        title: 'Nothing listens on the Remote Desktop port',
        plain: 'The server answered but refused the connection: Remote Desktop is turned off there, or it listens on a different port.',
        technical:
          'TCP RST on the port: nothing listens there. On the server: fDenyTSConnections, TermService running, PortNumber under ...\\WinStations\\RDP-Tcp, Get-NetTCPConnection -State Listen.',
        learnMore: learnMore.generalTroubleshooting,
        likelihood: 'likely',
        score: 80,
        evidence: [evidenceOf(r['tcp-port'], 'Port test')],
        fixIds: [],
      }
    : null;

export const networkRules: Rule[] = [nameDoesNotResolve, portClosed];
