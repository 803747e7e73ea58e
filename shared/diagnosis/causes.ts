import type { ProbeReport } from '../probe-facts';
import { certificateKeyMissing } from '../checks/server-certificate/diagnosis';
import { portTakenByAnother } from '../checks/server-listener/diagnosis';
import { certificateServicesDown, termServiceDown } from '../checks/server-services/diagnosis';
import { keyProblemOf, type KeyFileProblemKind } from '../checks/server-key-permissions/key-file';
import type { Results } from './rule-kit';

/*
 * The evidence model: what each cause predicts at the places we can look. A cause found by a
 * setting or an event on the computer where it lives "explains" the wire findings it predicts;
 * when both are found, the wire finding is evidence for the cause, never a finding above it.
 * A wire finding no found cause explains is shown as what it is: a symptom, with the places
 * that could explain it.
 *
 * Sources for what the wire shows per cause:
 * - MS-RDPBCGR 2.2.1.2.2 (RDP_NEG_FAILURE): SSL_CERT_NOT_ON_SERVER when the server has no usable
 *   certificate; 3.3.5.3.2: a server that selected SSL runs the TLS handshake next, so a
 *   certificate whose key Schannel cannot open ends the handshake at the ClientHello
 *   ("Troubleshoot Azure VM RDP connection issues by Event ID", events 1057/1058/36870).
 * - "An internal error has occurred" (learn.microsoft.com, remote/remote-desktop-services):
 *   TLS 1.0/1.2 disabled (Schannel 36871) and the listener certificate as causes of a reset
 *   during the TLS handshake.
 * - RemoteConnectionManager 1006 / MaxOutstandingConnections: connections dropped before they are
 *   set up, at any stage of the early handshake.
 */

/** Where a cause lives, for the "where to look" of a symptom no found cause explains. */
interface CauseModel {
  side: 'server' | 'client' | 'network';
  /** What to look at there, as a short plain phrase ("its certificate and the key behind it"). */
  lookAt: string;
  /** Wire findings this cause predicts (ids the wire rules give). */
  explains: readonly string[];
  /**
   * Findings of other causes it explains only when the server's facts say it is the earlier link
   * of one chain (a disabled KeyIso is why there is no certificate); otherwise both stand.
   */
  explainsWhen?: Readonly<Record<string, (r: Results) => boolean>>;
}

const CERTIFICATE_SYMPTOMS = ['tls-reset', 'tls-refused', 'rdp-security-only', 'handshake-refused'];

export const CAUSES: Record<string, CauseModel> = {
  'certificate-unusable': { side: 'server', lookAt: 'its Remote Desktop certificate', explains: CERTIFICATE_SYMPTOMS },
  'rdp-key-unreadable': {
    side: 'server',
    lookAt: "the certificate's private key and who may read it",
    explains: CERTIFICATE_SYMPTOMS,
    // A key Remote Desktop cannot read also stops Windows renewing the certificate (event 1058):
    // it expires. A key file that is gone is the certificate's own problem, not a permission.
    explainsWhen: { 'certificate-unusable': (r) => !certificateKeyMissing(r) },
  },
  'tls-disabled': {
    side: 'server',
    lookAt: 'which TLS versions are switched on',
    explains: ['tls-reset', 'tls-refused', 'old-tls-only', 'tls13-only', 'handshake-refused', 'rdp-security-only'],
  },
  'tls-version-mismatch': {
    side: 'client',
    lookAt: 'TLS versions on both computers',
    explains: ['old-tls-only', 'tls13-only', 'tls-reset', 'tls-refused', 'client-tls-disabled'],
  },
  'connection-flood': {
    side: 'server',
    lookAt: 'floods of connection attempts (password-guessing bots)',
    explains: ['closed-before-negotiation', 'refused-without-reason', 'no-answer-after-connect', 'tls-reset', 'tls-stalled'],
  },
  'firewall-blocks-rdp': { side: 'server', lookAt: 'its firewall', explains: ['port-filtered', 'some-addresses-blocked'] },
  // Switched off, or its service stopped, Remote Desktop has no listener: the listener finding is the same story.
  'rdp-disabled': { side: 'server', lookAt: 'whether Remote Desktop is switched on', explains: ['port-closed', 'rdp-listener-problem'] },
  'rdp-services-stopped': {
    side: 'server',
    lookAt: 'the Remote Desktop services',
    explains: ['port-closed', 'closed-before-negotiation'],
    explainsWhen: {
      // Unless another program holds the port: then that is why Remote Desktop cannot listen.
      'rdp-listener-problem': (r) => !portTakenByAnother(r),
      // Without KeyIso, CertPropSvc or CryptSvc Windows cannot make a new certificate
      // ("An internal error has occurred", learn.microsoft.com): regenerating cannot help first.
      'certificate-unusable': certificateServicesDown,
      // Nor let Schannel use the key it has (36870), unless the key file's own permissions are wrong.
      'rdp-key-unreadable': (r) => certificateServicesDown(r) && !keyFileAclWrong(r),
    },
  },
  'rdp-listener-problem': {
    side: 'server',
    lookAt: 'the port Remote Desktop listens on',
    explains: ['port-closed', 'closed-before-negotiation', 'not-rdp'],
    // Port 3389 held by another program: Remote Desktop Services stops or cannot listen until it
    // is freed ("An internal error occurs when you try to connect to an Azure VM", netstat -anob).
    explainsWhen: { 'rdp-services-stopped': portTakenByAnother },
  },
  'termservice-dll-replaced': {
    side: 'server',
    lookAt: 'a replaced Remote Desktop program file',
    explains: ['closed-before-negotiation', 'broken-rdp-reply', 'refused-without-reason'],
  },
  'rdp-security-weakened': { side: 'server', lookAt: 'its security settings', explains: ['rdp-security-only', 'handshake-refused'] },
  'security-settings-conflict': {
    side: 'server',
    lookAt: 'its security settings',
    explains: ['handshake-refused', 'inconsistent-flags', 'rdp-security-only', 'user-auth-required'],
  },
  'fips-required': { side: 'server', lookAt: 'its FIPS setting', explains: ['handshake-refused', 'tls-refused', 'rdp-security-only'] },
  'credssp-outdated': {
    side: 'server',
    lookAt: 'its security updates (CredSSP, May 2018)',
    // The CredSSP mismatch read from this computer's policy and the server's answer is the same story.
    explains: ['credssp-policy-blocks', 'nla-required'],
  },
  'credssp-policy-blocks': { side: 'client', lookAt: 'the CredSSP policy on this computer', explains: ['nla-required'] },
  // Hardened sign-in (diagnosis/hardened-auth-rules.ts). The probe's own NTLM NEGOTIATE is not
  // subject to this computer's policy, and what Windows answers it with incoming NTLM denied is not
  // documented: the wire agrees (NLA required, no answer at the sign-in step, STATUS_NTLM_BLOCKED)
  // but never proves these causes on its own.
  'ntlm-outgoing-blocked': { side: 'client', lookAt: 'which sign-in methods this computer may use', explains: ['nla-required'] },
  'ntlm-incoming-blocked': {
    side: 'server',
    lookAt: 'which sign-in methods it accepts',
    explains: ['nla-required', 'ntlm-blocked-on-wire'],
  },
  'lm-level-refused': { side: 'client', lookAt: 'the sign-in version both computers use', explains: ['nla-required'] },
  'restricted-admin-refused': { side: 'client', lookAt: 'the protected sign-in this computer requires', explains: ['nla-required'] },
  'credssp-server-forces-updated': { side: 'server', lookAt: 'its CredSSP policy', explains: ['nla-required'] },
};

/** The key-permission check found the key file itself wrong (its ACL, or not Windows' file). */
const keyFileAclWrong = (r: Results) =>
  (['acl', 'not-regular', 'untrusted-owner'] as (KeyFileProblemKind | null)[]).includes(keyProblemOf(r));

/** Wire findings (symptoms): the ids some cause explains that are not causes themselves. */
export const SYMPTOM_IDS: ReadonlySet<string> = new Set(Object.values(CAUSES).flatMap((c) => c.explains.filter((id) => !(id in CAUSES))));

/** The causes that could explain a finding (given the server's facts, where the link depends on them), in the order above. */
export function causesOf(finding: string, r: Results = {}): string[] {
  return Object.entries(CAUSES)
    .filter(([, c]) => c.explains.includes(finding) || c.explainsWhen?.[finding]?.(r) === true)
    .map(([id]) => id);
}

/** Some RDP server answered the X.224 request on the port: it is reachable and listening. */
function answeredAsRdp(report: ProbeReport): boolean {
  return report.addresses.some((a) => a.negotiation.some((n) => ['selected', 'failure', 'legacy', 'rejected'].includes(n.confirm.kind)));
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
/** Every address probed is this computer's loopback (asked only of a report where one answered). */
function onlyLoopback(report: ProbeReport): boolean {
  return report.addresses.every((a) => LOOPBACK.test(a.address));
}

/** A TLS handshake completed with a certificate that is valid now. */
function tlsWithValidCertificate(report: ProbeReport): boolean {
  return report.addresses.some(
    (a) => a.tls?.outcome === 'ok' && a.tls.certificate !== null && !a.tls.certificate.expired && !a.tls.certificate.notYetValid,
  );
}

/** TLS 1.2 was accepted by the server just now. */
function tls12Accepted(report: ProbeReport): boolean {
  return report.addresses.some((a) => a.tlsVersions.some((v) => v.version === 'TLSv1.2' && v.accepted === 'yes'));
}

interface Contradiction {
  applies: (report: ProbeReport, r: Results) => boolean;
  note: string;
}

const PORT_ANSWERED =
  'But the port answered as Remote Desktop from here just now, so this is not what stops your connection now (it may still matter on another network).';
const TLS_WORKED =
  'But the server completed a secure handshake with a valid certificate from here just now, so the certificate is not why it closes the connection now.';
const TLS12_WORKED =
  'But the server accepted TLS 1.2 from here just now (a change to these settings takes effect only after a restart), so this is not why it closes the connection now.';

/** What the wire showed just now that a cause read elsewhere (or earlier) could not produce. */
export const CONTRADICTIONS: Record<string, Contradiction> = {
  // Windows Firewall rules "have no effect on loopback communication" (KB2771908): a probe of
  // this computer from itself cannot see them, so it contradicts nothing about them.
  'firewall-blocks-rdp': { applies: (report) => answeredAsRdp(report) && !onlyLoopback(report), note: PORT_ANSWERED },
  'rdp-disabled': { applies: answeredAsRdp, note: PORT_ANSWERED },
  // Only Remote Desktop Services down silences the port; a certificate service down does not.
  'rdp-services-stopped': { applies: (report, r) => answeredAsRdp(report) && termServiceDown(r), note: PORT_ANSWERED },
  'certificate-unusable': { applies: tlsWithValidCertificate, note: TLS_WORKED },
  'rdp-key-unreadable': { applies: tlsWithValidCertificate, note: TLS_WORKED },
  'tls-disabled': { applies: tls12Accepted, note: TLS12_WORKED },
};
