import { ClientRdpAppFactsSchema } from '../checks/client-rdp-app/catalog';
import { PinnedCertificateFactsSchema } from '../checks/client-pinned-certificate/catalog';
import { RdpClientLogFactsSchema } from '../checks/client-rdp-log/catalog';
import { learnMore } from '../catalog/learn-more';
import { certHashMatches, seenThumbprints } from '../probe-facts';
import { windowsName } from '../checks/client-rdp-app/diagnosis';
import { attemptsTo, failedAttempt, hex } from '../checks/client-rdp-log/diagnosis';
import { factsOf, nlaStages, probeReportOf } from './facts-of';
import type { Rule } from './rule-kit';

/*
 * Traps on this computer that are not 0x904's usual causes but stop people all the same: a
 * certificate the client remembered that the server no longer shows, connecting to this computer
 * itself, and no Remote Desktop Connection app to connect with.
 */

/**
 * The client remembered ("Don't ask me again") a certificate for this name, and the server shows
 * another one now. Not 0x904 by itself: the client asks again. But the user should know whether a
 * renewal explains it, or something in between pretends to be the server.
 */
const pinnedCertificateChanged: Rule = (r) => {
  const report = probeReportOf(r);
  const pinned = factsOf(r['client-pinned-certificate'], PinnedCertificateFactsSchema);
  if (!report || !pinned) return null;
  const stale = pinned.servers.filter((s) => s.certHash && certHashMatches(s.certHash, report) === 'mismatch');
  if (stale.length === 0) return null;
  const seen = seenThumbprints(report);
  const selfSignedSeen = report.addresses.some((a) => a.tls?.certificate?.selfSigned);
  return {
    id: 'pinned-certificate-changed',
    title: 'The server shows a different certificate than the one you accepted before',
    plain:
      `When you connected to ${report.target.host} before, you told Remote Desktop to trust its certificate and not ask again. The server now shows a different one, so Remote Desktop will ask you again. ` +
      `${selfSignedSeen ? 'Windows makes itself a new certificate now and then (and when one is repaired), so this is often harmless. ' : ''}` +
      'If you or your administrator know the server got a new certificate, check the details when asked and accept it. If nothing changed on the server, do not type your password: something between you and the server may be pretending to be it.',
    technical:
      `CertHash under HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\${stale.map((s) => s.name).join(', ')}: ${stale.map((s) => s.certHash).join(', ')}; ` +
      `the handshake saw SHA-1 ${seen.join(', ')}. mstsc shows the certificate prompt again for a changed certificate; deleting the CertHash value only removes the remembered answer.`,
    likelihood: 'possible',
    score: 25,
    evidence: [
      {
        checkId: 'client-pinned-certificate',
        label: 'Certificate remembered here',
        value: stale.map((s) => `${s.name}: ${s.certHash}`).join('; '),
      },
      { checkId: 'rdp-handshake', label: 'Certificate the server shows', value: `SHA-1 ${seen.join(', ')}` },
    ],
    fixIds: [],
  };
};

/** 0x708: what the client logs when the target turns out to be this same computer. */
const CONNECTED_TO_ITSELF = 1800;

/**
 * The target is this computer (by address or name). That is right for someone checking the
 * server while sitting at it (the place line says so), so the target alone makes no finding. It
 * is a trap when this computer's own attempts to that name ended with 0x708: the client reached
 * itself. Other errors to a loopback address are not counted: Windows Server accepts such
 * connections, and the tests' loopback server stands for a real one. "I am on it" ticked by the
 * user is never a trap: the name they typed is not known to be this computer.
 */
const connectingToItself: Rule = (r, ctx) => {
  const place = ctx.server;
  if (place?.kind !== 'this-computer' || place.because === 'user-said') return null;
  const log = factsOf(r['client-rdp-log'], RdpClientLogFactsSchema);
  if (!log) return null;
  const itself = attemptsTo(log).filter((a) => failedAttempt(a) && a.reason === CONNECTED_TO_ITSELF);
  const last = itself.at(-1);
  if (!last) return null;
  const how = {
    loopback: "is this computer's own address",
    'own-address': "is one of this computer's own addresses",
    'own-name': "is this computer's own name",
  }[place.because];
  return {
    id: 'connecting-to-itself',
    title: 'You are connecting to this computer itself',
    plain:
      `"${log.host}" ${how}, so Remote Desktop on this computer connected to itself, which Windows refuses (the error code it logged, 0x708, says so). ` +
      'If you meant another computer, type its name or address instead (if its name leads here, the name is set up wrong on your network). If you are at the server to check it, that is fine: test the connection from another computer.',
    technical: `Server place: this computer (${place.because}). RDPClient/Operational 1026 for ${log.host}: ${itself.length} attempt(s) ended with reason ${CONNECTED_TO_ITSELF} (${hex(CONNECTED_TO_ITSELF)}), the last at ${last.time}: a connection to this same computer's console.`,
    likelihood: 'certain',
    score: 96,
    evidence: [
      {
        checkId: 'client-rdp-log',
        label: 'Remote Desktop log',
        value: `${itself.length} attempt(s) to ${log.host} ended with ${hex(CONNECTED_TO_ITSELF)}, the last at ${last.time}`,
      },
    ],
    fixIds: [],
  };
};

/** Whether a name the server gave in its NTLM challenge is this computer's (NetBIOS: 15 characters, any case). */
export function namesThisComputer(serverName: string | null, thisComputer: string): boolean {
  if (!serverName) return false;
  const mine = thisComputer.trim().toLowerCase();
  const theirs = serverName.trim().toLowerCase();
  // The same name has the same first label, so that comparison covers it too.
  return theirs === mine.slice(0, 15) || theirs.split('.')[0] === mine.split('.')[0];
}

/**
 * Before anyone connects: the server that answered at the address calls itself by this computer's
 * name (the NLA stage's NTLM challenge), while the address is not known to be this computer. A
 * router forwarding the port back here, or a name that points here, does that; mstsc would then
 * end with 0x708. Not when the target is this computer already: that is known and said.
 */
const portLeadsHere: Rule = (r, ctx) => {
  const report = probeReportOf(r);
  if (!report || !ctx.thisComputer || ctx.server?.kind === 'this-computer') return null;
  const challenge = nlaStages(report).find(
    (n) =>
      n.challenge &&
      (namesThisComputer(n.challenge.netbiosComputer, ctx.thisComputer!) || namesThisComputer(n.challenge.dnsComputer, ctx.thisComputer!)),
  )?.challenge;
  if (!challenge) return null;
  // One of the two named this computer, so one of them is there.
  const name = (challenge.netbiosComputer ?? challenge.dnsComputer)!;
  return {
    id: 'connecting-to-itself',
    title: 'The address leads back to this computer',
    plain:
      `The computer that answered at "${report.target.host}" says its name is ${name}, which is the name of this computer. So Remote Desktop would connect to itself, which Windows refuses. ` +
      'Check the address: a router that forwards the port back to this computer, or a name that points here by mistake, does this.',
    technical: `NTLM CHALLENGE from ${report.target.host}:${report.target.port}: NetBIOS computer ${challenge.netbiosComputer ?? '?'}, DNS computer ${challenge.dnsComputer ?? '?'}; this computer is ${ctx.thisComputer}. mstsc to its own console ends with reason 1800 (0x708).`,
    likelihood: 'likely',
    score: 80,
    evidence: [
      {
        checkId: 'rdp-handshake',
        label: 'Name the server gave',
        value: `${challenge.netbiosComputer ?? ''} ${challenge.dnsComputer ? `(${challenge.dnsComputer})` : ''}`.trim(),
      },
    ],
    fixIds: [],
  };
};

/** "mstsc /uninstall" (Windows 11 23H2 and later) removes Remote Desktop Connection. */
const rdpAppMissing: Rule = (r) => {
  const app = factsOf(r['client-rdp-app'], ClientRdpAppFactsSchema);
  if (!app || app.mstsc.exists) return null;
  const withApp = app.windowsApp.installed;
  return {
    id: 'rdp-app-missing',
    title: 'Remote Desktop Connection is not installed on this computer',
    plain:
      `The Remote Desktop Connection app has been removed from this computer (${windowsName(app.os)}). ` +
      (withApp
        ? 'Windows App is installed, but RDP Doctor starts its test connections with Remote Desktop Connection, which is not here. '
        : 'No other Microsoft Remote Desktop app is installed either, so this computer has nothing to connect with. ') +
      "To connect to a computer by its name or address, install Remote Desktop Connection again: Microsoft's article (Learn more) links to its installer.",
    technical:
      `${app.mstsc.path} is absent (removed with "mstsc /uninstall" or Settings > Apps, Windows 11 23H2 and later; the RemoteApp and Desktop Connections control panel goes with it). ` +
      `Windows App (MicrosoftCorporationII.Windows365): ${withApp ? `installed, ${app.windowsApp.version ?? 'version unknown'}` : 'not installed'}.`,
    learnMore: learnMore.reinstallRemoteDesktopConnection,
    likelihood: withApp ? 'likely' : 'certain',
    score: withApp ? 60 : 90,
    evidence: [
      {
        checkId: 'client-rdp-app',
        label: 'Remote Desktop apps here',
        value: `Remote Desktop Connection: not installed; Windows App: ${withApp ? 'installed' : 'not installed'}`,
      },
    ],
    fixIds: [],
  };
};

export const clientTrapRules: Rule[] = [pinnedCertificateChanged, connectingToItself, portLeadsHere, rdpAppMissing];
