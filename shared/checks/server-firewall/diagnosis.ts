import type { Evidence, Finding } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, tcpState, type Results, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { FirewallFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateFirewall(raw: unknown): Evaluation {
  const f = FirewallFactsSchema.parse(raw);
  const webSocket = f.rules.filter((r) => r.webSocket);
  const wsNote = webSocket.length
    ? ` The WebSocket rule${webSocket.length > 1 ? 's are' : ' is'} ${webSocket.some((r) => r.enabled) ? 'on' : 'off'} (only needed for RDP over WebSocket).`
    : '';
  const blocked = f.activeProfiles.filter((p) => f.blockAllInbound?.includes(p));
  if (blocked.length > 0) {
    return {
      status: 'fail',
      summary: `Windows Firewall blocks every incoming connection on the ${blocked.join('/')} network ("Block all incoming connections"), whatever its rules say.`,
    };
  }
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
    summary: `The firewall rule "${tcpRules[0]!.displayName}" is turned off, so Windows Firewall blocks Remote Desktop.`,
  };
}

/** A profile in use set to block every incoming connection: turning rules on cannot help. */
function blockAllFinding(r: Results): Finding | null {
  const fw = r['server-firewall'];
  const f = factsOf(fw, FirewallFactsSchema);
  const blocked = f?.activeProfiles.filter((p) => f.blockAllInbound?.includes(p)) ?? [];
  if (!fw || blocked.length === 0) return null;
  return {
    id: 'firewall-blocks-rdp',
    title: 'Windows Firewall on the server blocks every incoming connection',
    plain: `The server's firewall is set to block all incoming connections on the network it is on now, even those its rules allow, so turning on the Remote Desktop rules cannot help. On the server, open Windows Defender Firewall and clear "Block all incoming connections" for that network (or ask whoever set it by company policy).`,
    technical: `Get-NetFirewallProfile -PolicyStore ActiveStore: AllowInboundRules = False on ${blocked.join(', ')} (the active profile). Fix on the server: Set-NetFirewallProfile -Profile ${blocked.join(',')} -AllowInboundRules True, or the "Windows Defender Firewall: Do not allow exceptions" policy when a GPO sets it.`,
    learnMore: learnMore.firewallBlocksInbound,
    likelihood: 'certain',
    score: 95,
    evidence: [evidenceOf(fw, 'Server firewall')],
    fixIds: [],
  };
}

const firewallBlocks: Rule = (r) => {
  const blockAll = blockAllFinding(r);
  if (blockAll) return blockAll;
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
