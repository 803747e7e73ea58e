import type { Evidence } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, tcpState, type Rule } from '../../diagnosis/rule-kit';
import type { Evaluation } from '../../diagnosis/types';
import { FirewallFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateFirewall(raw: unknown): Evaluation {
  const f = FirewallFactsSchema.parse(raw);
  const webSocket = f.rules.filter((r) => r.webSocket);
  const wsNote = webSocket.length
    ? ` The WebSocket rule${webSocket.length > 1 ? 's are' : ' is'} ${webSocket.some((r) => r.enabled) ? 'on' : 'off'} (only needed for RDP over WebSocket).`
    : '';
  const tcpRules = f.rules.filter((r) => r.protocol === 'TCP' && !r.webSocket);
  if (tcpRules.length === 0) return { status: 'fail', summary: `The "Remote Desktop" firewall rules are missing.${wsNote}` };
  const covers = (profiles: readonly string[]) => f.activeProfiles.every((p) => profiles.includes(p) || profiles.includes('Any'));
  const good = tcpRules.find((r) => r.enabled && covers(r.profiles));
  if (good)
    return { status: 'pass', summary: `The rule "${good.displayName}" is on for the ${f.activeProfiles.join('/')} network.${wsNote}` };
  const anyOn = tcpRules.find((r) => r.enabled);
  if (anyOn) {
    return {
      status: 'fail',
      summary: `The rule "${anyOn.displayName}" is on only for ${anyOn.profiles.join('/')}, but the server is on a ${f.activeProfiles.join('/')} network.`,
    };
  }
  return {
    status: 'fail',
    summary: `The firewall rule "${tcpRules[0]?.displayName}" is turned off, so Windows Firewall blocks Remote Desktop.`,
  };
}

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
      : "The connection gets no answer at all. A firewall, a router, the VPN or security software drops it. Check the server's firewall first.",
    technical: failed(fw)
      ? 'The "Remote Desktop" group (@FirewallAPI.dll,-28752: RemoteDesktop-UserMode-In-TCP / -UDP) is disabled, or enabled only for profiles other than the active one (Get-NetConnectionProfile). Fix: Enable-NetFirewallRule -Group \'@FirewallAPI.dll,-28752\'.'
      : 'TCP SYN got no answer within the timeout on every address (filtered). Inbound rules on the server, a router or NSG, or a VPN that is down drop it; Test-NetConnection -ComputerName <host> -Port <port> from another network tells which.',
    learnMore: learnMore.firewallBlocksInbound,
    likelihood: failed(fw) ? 'certain' : 'likely',
    score: failed(fw) ? 95 : 70,
    evidence,
    // Unless the server's firewall was checked and found fine, its rules are the first thing to try.
    fixIds: fw?.status === 'pass' ? [] : ['enable-firewall-rdp'],
  };
};

export const serverFirewallDiagnosis = defineCheckDiagnosis({
  id: 'server-firewall',
  evaluate: evaluateFirewall,
  rules: [firewallBlocks],
});
