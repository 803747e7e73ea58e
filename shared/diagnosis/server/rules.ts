import type { Evidence } from '../../results';
import { evidenceOf, failed, tcpState, type Rule } from '../rule-kit';

const firewallBlocks: Rule = (r) => {
  const fw = r['server-firewall'];
  const state = tcpState(r['tcp-port']);
  if (!failed(fw) && state !== 'filtered') return null;
  const evidence: Evidence[] = [];
  if (state === 'filtered' && r['tcp-port']) evidence.push(evidenceOf(r['tcp-port'], 'Port test'));
  if (failed(fw)) evidence.push(evidenceOf(fw, 'Server firewall'));
  return {
    id: 'firewall-blocks-rdp',
    title: failed(fw) ? 'Windows Firewall on the server blocks Remote Desktop' : 'Something silently blocks the Remote Desktop port',
    plain: failed(fw)
      ? 'The server\'s firewall does not let Remote Desktop connections in on the network it is on now. Turning on its "Remote Desktop" rules fixes that.'
      : 'The connection gets no answer at all. A firewall, a router, the VPN or security software drops it. Check the server\'s firewall first.',
    likelihood: failed(fw) ? 'certain' : 'likely',
    score: failed(fw) ? 95 : 70,
    evidence,
    fixIds: failed(fw) ? ['enable-firewall-rdp'] : [],
  };
};

const certificateUnusable: Rule = (r) => {
  const cert = r['server-certificate'];
  if (!cert || (cert.status !== 'fail' && cert.status !== 'warn')) return null;
  const broken = cert.status === 'fail';
  return {
    id: 'certificate-unusable',
    title: broken ? 'The server\'s Remote Desktop certificate is unusable' : 'The server\'s Remote Desktop certificate expires soon',
    plain: broken
      ? 'Remote Desktop encrypts the connection with a certificate. When it has expired or lost its key, the server closes the connection right after it opens: exactly error 0x904 with extended code 0x7. Windows makes a new one when the old one is removed.'
      : 'The certificate still works, but once it expires the connection will fail with 0x904/0x7.',
    likelihood: broken ? 'certain' : 'possible',
    score: broken ? 98 : 20,
    evidence: [evidenceOf(cert, 'Certificate')],
    fixIds: ['regenerate-rdp-certificate'],
  };
};

export const serverRules: Rule[] = [firewallBlocks, certificateUnusable];
