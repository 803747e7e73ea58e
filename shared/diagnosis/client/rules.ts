import type { CheckResult, Evidence } from '../../results';
import type { DiagnosisContext, NetworkType } from '../../network-type';
import {
  ClientUdpFactsSchema,
  CredSspPolicyFactsSchema,
  NetworkFactsSchema,
  RdpClientLogFactsSchema,
  UpdatesFactsSchema,
} from '../../catalog/client/scripts';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, type Rule } from '../rule-kit';
import { factsOf } from '../facts-of';
import { isoDay } from '../../days';
import { attemptsTo, describeReason, failedAttempt, hex, isVpnAdapter, recentHotfixes, SOCKET_CLOSED, vpnAdaptersUp } from './evaluate';

/*
 * Causes on this computer. Most are "possible": they can explain 0x904/0x7, but far less often
 * than a broken server certificate (98) or a blocked port, so they score between 5 and 55 and
 * the network type the user chose moves them up or down and changes their wording.
 */

const warned = (r: CheckResult | undefined): r is CheckResult => r?.status === 'warn' || r?.status === 'fail';

/** One sentence per network type, appended where it changes what the user should do. */
const byNetwork = (ctx: DiagnosisContext, text: Partial<Record<NetworkType, string>>) =>
  text[ctx.networkType] ? ` ${text[ctx.networkType]}` : '';

const GROUP_POLICY_NOTE: Partial<Record<NetworkType, string>> = {
  domain:
    'On a company PC this setting usually comes from a company policy: ask IT, because a change here is put back at the next policy refresh.',
  vpn: 'If your company manages this PC, a company policy may set this: ask IT before changing it.',
};

const staleCredentials: Rule = (r, ctx) => {
  const c = r['client-saved-credentials'];
  if (!warned(c)) return null;
  return {
    id: 'stale-saved-credentials',
    title: 'An old saved password may be sent for this computer',
    plain:
      'Windows saved a password for this computer and sends it automatically. When that password has changed (or the account is locked), the server can refuse the connection early. Removing it makes Remote Desktop ask again.' +
      byNetwork(ctx, {
        domain: 'On a company network, a recently changed domain password is the usual reason.',
        azure: 'For an Azure VM, the password may have been reset in the portal ("Reset password").',
      }),
    technical:
      'Credential Manager holds a TERMSRV/<host> entry (cmdkey /list). mstsc sends it without prompting; a wrong or expired one can end the CredSSP exchange. Removed with cmdkey /delete:TERMSRV/<host> after a backup.',
    likelihood: 'possible',
    score: ctx.networkType === 'domain' ? 35 : 30,
    evidence: [evidenceOf(c, 'Saved passwords')],
    fixIds: ['remove-saved-credentials'],
  };
};

const damagedConnectionData: Rule = (r) => {
  const c = r['client-connection-data'];
  if (!warned(c)) return null;
  return {
    id: 'damaged-connection-data',
    title: "Remote Desktop's saved settings look damaged",
    plain:
      'The file with your last connection settings, or the picture cache, is damaged on this computer. Remote Desktop reads them at every start; moving them aside makes it start clean. They are kept in the backup folder.',
    technical:
      '%USERPROFILE%\\Documents\\Default.rdp has lines that are not name:type:value, or %LOCALAPPDATA%\\Microsoft\\Terminal Server Client\\Cache holds empty or damaged bitmap cache files. The fix moves both into the backup folder; mstsc recreates them.',
    likelihood: 'possible',
    score: 35,
    evidence: [evidenceOf(c, 'Saved connection data')],
    fixIds: ['clear-connection-data'],
  };
};

const licenseCacheDamaged: Rule = (r, ctx) => {
  const c = r['client-license-cache'];
  if (!warned(c)) return null;
  return {
    id: 'license-cache-damaged',
    title: 'The Remote Desktop license cache on this computer is damaged',
    plain:
      'When a server hands out a Remote Desktop license, this computer stores it. If that store is damaged or cannot be written, the server ends the connection right away (the "cannot store the license" form of 0x904/0x7). Resetting it is safe: it is saved first and rebuilt at the next connection. Start Remote Desktop once with "Run as administrator" afterwards.' +
      byNetwork(ctx, { domain: 'This matters most with company Remote Desktop Services servers that hand out licenses.' }),
    technical:
      'HKLM\\SOFTWARE\\Microsoft\\MSLicensing (HardwareID, Store) is missing parts or unreadable. The fix exports it with reg export, deletes it, and mstsc rebuilds it on the next connection started elevated (writing HKLM needs admin once).',
    likelihood: 'possible',
    score: 45,
    evidence: [evidenceOf(c, 'License cache')],
    fixIds: ['reset-license-cache'],
  };
};

const credSspBlocks: Rule = (r, ctx) => {
  const c = r['client-credssp'];
  const f = factsOf(c, CredSspPolicyFactsSchema);
  if (!c || !f || f.allowEncryptionOracle !== 0) return null;
  return {
    id: 'credssp-policy-blocks',
    title: 'This computer refuses servers without the CredSSP security update',
    plain:
      'A security policy on this computer is set to "Force Updated Clients": Remote Desktop will not talk to a server that misses the May 2018 security updates. The real fix is updating the server. Only if you must reach it once to install those updates, allow it temporarily and undo that right after.' +
      byNetwork(ctx, {
        ...GROUP_POLICY_NOTE,
        azure:
          'For an Azure VM, install the updates without Remote Desktop: use "Run command" in the portal, or "Reset remote access configuration" under Help > Reset password if the VM\'s Remote Desktop settings were changed.',
      }),
    technical:
      'AllowEncryptionOracle = 0 (Force Updated Clients) under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters (CVE-2018-0886). Temporary workaround: 2 (Vulnerable), reverted once the server is patched.',
    learnMore: learnMore.credSsp,
    likelihood: 'possible',
    score: 40,
    evidence: [evidenceOf(c, 'CredSSP policy')],
    fixIds: ctx.networkType === 'domain' ? [] : ['credssp-allow-vulnerable'],
  };
};

/** A value of 2 left behind by a vendor script or an old workaround: not a cause, but say so. */
const credSspVulnerable: Rule = (r) => {
  const c = r['client-credssp'];
  const f = factsOf(c, CredSspPolicyFactsSchema);
  if (!c || !f || f.allowEncryptionOracle !== 2) return null;
  return {
    id: 'credssp-left-vulnerable',
    title: 'A CredSSP security workaround is switched on',
    plain:
      'A security policy on this computer is set to "Vulnerable". That is not what breaks this connection, but it lets this computer talk to servers that miss the 2018 security updates. Set it back (undo the change, or remove the setting) once your servers are updated.',
    technical:
      'AllowEncryptionOracle = 2 (Vulnerable) under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters. Default (absent) is 1, Mitigated.',
    learnMore: learnMore.credSsp,
    likelihood: 'possible',
    score: 5,
    evidence: [evidenceOf(c, 'CredSSP policy')],
    fixIds: [],
  };
};

const vpnDropsUdp: Rule = (r, ctx) => {
  const udp = r['client-udp'];
  const udpFacts = factsOf(udp, ClientUdpFactsSchema);
  if (!udp || !udpFacts || udpFacts.fClientDisableUDP === 1) return null;
  const vpns = udpFacts.adaptersUp.filter(isVpnAdapter);
  const saidVpn = ctx.networkType === 'vpn';
  if (vpns.length === 0 && !saidVpn) return null;
  const evidence: Evidence[] = [evidenceOf(udp, 'UDP transport')];
  const net = r['client-network'];
  if (net && vpnAdaptersUp(factsOf(net, NetworkFactsSchema)?.adapters ?? []).length > 0) evidence.push(evidenceOf(net, 'Network in use'));
  const names = vpns.map((a) => `"${a.name}"`).join(', ');
  return {
    id: 'vpn-drops-udp',
    title: "The VPN may drop Remote Desktop's UDP traffic",
    plain:
      `${vpns.length ? `You are connected through a VPN (${names}).` : 'You said you connect over a corporate VPN.'} Remote Desktop adds a UDP channel to the TCP connection, and many VPNs drop UDP or break large packets, so the connection is closed. Making Remote Desktop use TCP only is harmless and easy to undo.` +
      byNetwork(ctx, { vpn: GROUP_POLICY_NOTE.vpn ?? '' }),
    technical:
      'fClientDisableUDP is not 1 under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client, so mstsc adds the UDP transport (client events 1102 / 1103 / 1105) and a VPN adapter is up. Setting it to 1 makes mstsc use TCP only.',
    likelihood: 'possible',
    score: vpns.length > 0 && saidVpn ? 50 : 30,
    evidence,
    fixIds: ['disable-client-udp'],
  };
};

const failureAfterUpdate: Rule = (r, ctx) => {
  const upd = r['client-updates'];
  const log = r['client-rdp-log'];
  const u = factsOf(upd, UpdatesFactsSchema);
  const l = factsOf(log, RdpClientLogFactsSchema);
  if (!upd || !log || !u || !l) return null;
  const attempts = attemptsTo(l);
  const firstFailure = attempts.find((a) => failedAttempt(a) && a.reason === SOCKET_CLOSED);
  if (!firstFailure) return null;
  // Windows records only the install day: the update counts if it came that day or before.
  const failureDay = Date.parse(isoDay(firstFailure.time));
  const lastSuccess = [...attempts].reverse().find((a) => a.connected && Date.parse(a.time) < Date.parse(firstFailure.time));
  if (!lastSuccess) return null;
  const successDay = Date.parse(isoDay(lastSuccess.time));
  const between = recentHotfixes(u)
    .filter((h) => Date.parse(h.installedOn!) > successDay && Date.parse(h.installedOn!) <= failureDay)
    .sort((a, b) => Date.parse(b.installedOn!) - Date.parse(a.installedOn!));
  const update = between[0];
  if (!update) return null;
  const kb = update.id.replace(/^KB/i, '');
  return {
    id: 'failure-after-update',
    title: `The error started after Windows update ${update.id}`,
    plain:
      `Connecting worked on ${lastSuccess.time.slice(0, 10)}; ${update.id} was installed on ${update.installedOn!.slice(0, 10)}, and every attempt since ends with 0x904. Look for a newer update first (updates often fix what an earlier one broke), and check that the server has the same updates. As a last resort an update can be removed: Settings > Windows Update > Update history > Uninstall updates.` +
      byNetwork(ctx, { domain: 'On a company PC, tell IT which update it was: they may hold it back for everyone.' }),
    technical: `RDPClient/Operational: event 1026 with reason 2308 (0x904) since ${firstFailure.time}, the last connected attempt ${lastSuccess.time}; Get-HotFix: ${update.id} installed ${update.installedOn!.slice(0, 10)} (Windows records the day only). Remove as administrator: wusa /uninstall /kb:${kb}.`,
    likelihood: 'possible',
    score: 50,
    evidence: [evidenceOf(log, 'Remote Desktop log'), evidenceOf(upd, 'Recent updates')],
    fixIds: [],
  };
};

/** The log shows that the real error is not 0x904 at all: say what it is. */
const logShowsOtherError: Rule = (r, ctx) => {
  const log = r['client-rdp-log'];
  const l = factsOf(log, RdpClientLogFactsSchema);
  if (!log || !l) return null;
  const last = attemptsTo(l).at(-1);
  if (!last || !failedAttempt(last) || last.reason === null || last.reason === SOCKET_CLOSED) return null;
  const unreachable = [264, 516, 1796].includes(last.reason);
  return {
    id: 'log-shows-other-error',
    title: `Remote Desktop logged a different error: ${hex(last.reason)}`,
    plain:
      `The last attempt on this computer did not end with 0x904 but with ${describeReason(last.reason)}. Fix that first: the advice for 0x904 may not apply.` +
      (unreachable
        ? byNetwork(ctx, {
            home: 'Check that the server is on and that your router forwards the port.',
            vpn: 'Check that the VPN is connected and lets you reach that server.',
            azure:
              'For an Azure VM, check the network security group (NSG) rules allow your address on the Remote Desktop port, and Just-in-time access if it is on.',
            domain: 'Check that the server is on and reachable from your office network.',
          })
        : ''),
    technical: `RDPClient/Operational event 1026 at ${last.time}: disconnect reason ${last.reason} (${hex(last.reason)}), not 2308 (0x904). Reason codes: IMsTscAxEvents::OnDisconnected.`,
    likelihood: 'possible',
    score: 40,
    evidence: [evidenceOf(log, 'Remote Desktop log')],
    fixIds: [],
  };
};

const clientTlsDisabled: Rule = (r, ctx) => {
  const c = r['client-tls'];
  if (c?.status !== 'fail') return null;
  return {
    id: 'client-tls-disabled',
    title: 'TLS 1.2 is switched off on this computer',
    plain:
      'Remote Desktop encrypts the connection with TLS, and almost every server needs TLS 1.2. It is switched off on this computer, so the security setup fails and the connection is closed. Switch it back on and restart this computer.' +
      byNetwork(ctx, { ...GROUP_POLICY_NOTE, domain: 'On a company PC a hardening policy may set this: ask IT.' }),
    technical:
      'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client has Enabled = 0 or DisabledByDefault = 1. Remove both values (the OS default is on) or set Enabled = 1, DisabledByDefault = 0; reboot.',
    learnMore: learnMore.tlsRegistry,
    likelihood: 'possible',
    score: 55,
    evidence: [evidenceOf(c, 'TLS on this computer')],
    fixIds: [],
  };
};

/** Outbound blocks usually give 0x204, not 0x904: ranked low, but named when a rule matches. */
const outboundBlocked: Rule = (r, ctx) => {
  const c = r['client-outbound-security'];
  if (c?.status !== 'fail') return null;
  return {
    id: 'outbound-blocked',
    title: 'A firewall rule on this computer blocks Remote Desktop',
    plain:
      'A Windows Firewall rule on this computer stops Remote Desktop going out. Turn that rule off in "Windows Defender Firewall with Advanced Security", Outbound Rules, or ask whoever set it up.' +
      byNetwork(ctx, { domain: 'On a company PC such rules come from a company policy: ask IT.' }),
    technical:
      'An enabled outbound Block rule matches %SystemRoot%\\System32\\mstsc.exe or the remote port (Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True with Get-NetFirewallApplicationFilter / Get-NetFirewallPortFilter). Outbound blocks usually show as 0x204, not 0x904.',
    likelihood: 'possible',
    score: 30,
    evidence: [evidenceOf(c, 'Outbound firewall')],
    fixIds: [],
  };
};

export const clientRules: Rule[] = [
  outboundBlocked,
  staleCredentials,
  damagedConnectionData,
  licenseCacheDamaged,
  credSspBlocks,
  credSspVulnerable,
  vpnDropsUdp,
  failureAfterUpdate,
  logShowsOtherError,
  clientTlsDisabled,
];
