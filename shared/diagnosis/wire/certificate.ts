import type { Evidence, Finding } from '../../results';
import type { CertificateFacts } from '../../probe-facts';
import { learnMore } from '../../catalog/learn-more';
import { hs } from './describe';
import { certificateNames, nameThatWouldWork } from './certificate-names';

/** What the certificate the server showed during TLS says by itself (MS-RDPBCGR 5.4.5: TLS carries it). */

const CERT_EXPIRY_WARNING_DAYS = 30;
const MIN_RSA_BITS = 2048;

export function certificateFindings(cert: CertificateFacts, host: string, ev: Evidence[]): Finding[] {
  const out: Finding[] = [];
  const certEv = [
    ...ev,
    hs('Certificate', `${cert.subject}; valid ${cert.validFrom.slice(0, 10)} to ${cert.validTo.slice(0, 10)}; SHA-1 ${cert.sha1}`),
  ];
  if (cert.expired) {
    out.push({
      // One cause with the server's own view of an expired certificate (the store), so one id.
      id: 'certificate-unusable',
      title: "The server's Remote Desktop certificate has expired",
      plain: `The certificate the server uses to encrypt Remote Desktop expired on ${cert.validTo.slice(0, 10)}. Windows renews its own certificate by itself, so an expired one means that renewal fails (often because Remote Desktop cannot read the certificate's private key) or a certificate installed by hand or by a company policy is out of date. Making Windows create a new one usually fixes it.`,
      technical: `TLS certificate NotAfter ${cert.validTo} (subject ${cert.subject}, SHA-1 ${cert.sha1}). Self-signed: remove it from Cert:\\LocalMachine\\Remote Desktop and restart TermService; if renewal keeps failing, check NETWORK SERVICE's Read on its MachineKeys file (events 1057 / 1058).`,
      learnMore: learnMore.listenerCertificate,
      likelihood: 'likely',
      score: 85,
      evidence: certEv,
      fixIds: ['regenerate-rdp-certificate'],
    });
  } else if (cert.notYetValid) {
    out.push({
      id: 'certificate-not-yet-valid',
      title: "The server's certificate is not valid yet",
      plain: `The certificate only becomes valid on ${cert.validFrom.slice(0, 10)}. Usually the clock on the server or on this computer is wrong; correct the date and time (and time zone) first. A new certificate made once the clock is right also fixes it.`,
      technical: `TLS certificate NotBefore ${cert.validFrom} is in the future for this computer's clock. Compare w32tm /query /status on both sides.`,
      likelihood: 'likely',
      score: 70,
      evidence: certEv,
      fixIds: ['regenerate-rdp-certificate'],
    });
  } else if (cert.daysLeft <= CERT_EXPIRY_WARNING_DAYS) {
    out.push({
      id: 'certificate-expiring-soon',
      title: `The server's certificate expires in ${cert.daysLeft} day${cert.daysLeft === 1 ? '' : 's'}`,
      plain: `It works today, but the certificate expires on ${cert.validTo.slice(0, 10)}. One Windows made itself should renew itself; a certificate from your organisation needs renewing by whoever issued it.`,
      technical: `TLS certificate NotAfter ${cert.validTo} (${cert.daysLeft} days), issuer ${cert.issuer}, self-signed: ${cert.selfSigned}.`,
      learnMore: learnMore.listenerCertificate,
      likelihood: 'possible',
      score: 30,
      evidence: certEv,
      fixIds: [],
    });
  }
  const weakKey = cert.keyType?.startsWith('rsa') && cert.keyBits !== null && cert.keyBits < MIN_RSA_BITS;
  const weakSig = cert.signatureAlgorithm !== null && /sha1|md5/i.test(cert.signatureAlgorithm);
  if (weakKey || weakSig) {
    out.push({
      id: 'certificate-weak',
      title: 'The certificate uses weak cryptography',
      plain:
        "The certificate uses encryption that is too weak by today's standards. Current Windows and security policies can refuse it during the handshake. A new certificate avoids that.",
      technical: `The certificate uses ${weakKey ? `a ${cert.keyBits}-bit RSA key` : ''}${weakKey && weakSig ? ' and ' : ''}${weakSig ? `a ${cert.signatureAlgorithm} signature` : ''}; use 2048-bit RSA (or ECDSA) with SHA-256.`,
      likelihood: 'possible',
      score: 40,
      evidence: [
        ...certEv,
        hs('Key and signature', `${cert.keyType ?? '?'} ${cert.keyBits ?? '?'} bits, ${cert.signatureAlgorithm ?? '?'}`),
      ],
      fixIds: ['regenerate-rdp-certificate'],
    });
  }
  // The client's side of the name check: the certificate came over the wire, the user typed the
  // name (certificate-names.ts, RFC 6125). By address, Windows' own certificate proves no address,
  // so only one from an authority (which a name would make trusted) is worth a word. "localhost"
  // is this computer's loopback address by name (RFC 6761 6.3): Windows' own certificate never
  // names it either (the demo's "RDP Doctor on the server itself, type localhost" showed a name
  // mismatch that was not part of its scenario).
  const byAddress = /^[\d.]+$|:/.test(host) || /^localhost\.?$/i.test(host);
  const names = certificateNames(cert);
  const instead = nameThatWouldWork(names, host);
  if (!cert.nameMatches && (!byAddress || (!cert.selfSigned && instead !== null))) {
    const proves = [...names.dns, ...names.ips];
    out.push({
      id: 'certificate-name-mismatch',
      title: 'The certificate is for a different name',
      plain: [
        `The server's certificate is for ${proves.length ? proves.map((n) => `"${n}"`).join(', ') : `"${cert.commonName ?? cert.subject}"`}, not "${host}".`,
        instead ? `Connect to "${instead}" instead: that name is in the certificate.` : '',
        'Remote Desktop warns about a name that does not match and lets you continue (unless this computer is set to refuse such servers); it does not cause error 0x904 by itself.',
      ]
        .filter(Boolean)
        .join(' '),
      technical: `Subject ${cert.subject}; SANs ${cert.subjectAltNames.join(', ') || 'none'}. RFC 6125: the dNSName entries are the reference identifiers (the CN only when there is none), a wildcard covers one left-most label, an address matches iPAddress entries only. ${instead ? `"${instead}" matches. ` : ''}A client whose "Configure server authentication for client" policy (AuthenticationLevel) is "Do not connect if authentication fails" refuses the mismatch.`,
      likelihood: 'possible',
      score: 10,
      evidence: [
        ...certEv,
        hs('Names in the certificate', proves.join(', ') || cert.subject),
        ...(instead ? [hs('A name that would work', instead)] : []),
      ],
      fixIds: [],
    });
  }
  return out;
}
