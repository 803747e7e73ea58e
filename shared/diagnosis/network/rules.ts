import { evidenceOf, failed, tcpState, type Rule } from '../rule-kit';

const nameDoesNotResolve: Rule = (r) =>
  failed(r.dns)
    ? {
        id: 'name-does-not-resolve',
        title: 'The computer name cannot be found',
        plain: 'Your computer cannot turn the name into an address. Check the spelling, try the IP address, or connect the VPN the server is behind.',
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
        likelihood: 'likely',
        score: 80,
        evidence: [evidenceOf(r['tcp-port'], 'Port test')],
        fixIds: [],
      }
    : null;

export const networkRules: Rule[] = [nameDoesNotResolve, portClosed];

