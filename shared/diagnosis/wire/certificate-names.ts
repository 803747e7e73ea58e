import type { CertificateFacts } from '../../probe-facts';

/*
 * Which names a server certificate proves, and which of them would work for the name the user
 * typed: the client's side of the name check, since the probe saw the certificate on the wire and
 * the user typed the name. The match itself is Node's X509Certificate.checkHost / checkIP (the
 * probe's `nameMatches`); this only lists the names, by the rules of RFC 6125:
 * - 6.4.4: the DNS names of the Subject Alternative Name (dNSName) are the reference; the subject's
 *   common name counts only when the certificate has no dNSName at all (Node's checkHost default).
 * - 6.4.3: a wildcard is the whole left-most label only ("*.corp.example"), and stands for exactly
 *   one label ("srv.corp.example", not "a.b.corp.example" nor "corp.example").
 * - IP addresses are compared with the iPAddress entries only (RFC 5280 4.2.1.6).
 */

export interface CertificateNames {
  /** DNS names it proves (dNSName, or the common name when there is none), wildcards included. */
  dns: string[];
  ips: string[];
}

export function certificateNames(cert: Pick<CertificateFacts, 'subjectAltNames' | 'commonName'>): CertificateNames {
  const dns = cert.subjectAltNames.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4).trim().toLowerCase());
  const ips = cert.subjectAltNames.filter((n) => n.startsWith('IP Address:')).map((n) => n.slice(11).trim());
  if (dns.length === 0 && cert.commonName) dns.push(cert.commonName.trim().toLowerCase());
  return { dns, ips };
}

/** Whether one DNS reference (maybe a wildcard, RFC 6125 6.4.3) covers a host name. */
export function dnsNameCovers(reference: string, host: string): boolean {
  const ref = reference.toLowerCase().replace(/\.$/, '');
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!ref.startsWith('*.')) return ref === name;
  const rest = ref.slice(2);
  const dot = name.indexOf('.');
  // Exactly one label in place of the wildcard, and never a wildcard over a public suffix alone.
  return dot > 0 && name.slice(dot + 1) === rest && rest.includes('.');
}

/**
 * The name to type instead, for a host the certificate does not cover: the full name of the one
 * typed when the certificate has it ("office-pc" -> "office-pc.corp.example", also through a
 * wildcard), else the first name it proves that is not a wildcard, else a name under its wildcard.
 * Null when it proves no name at all.
 */
export function nameThatWouldWork(names: CertificateNames, host: string): string | null {
  const first = host.toLowerCase().split('.')[0] ?? '';
  const exact = names.dns.find((n) => !n.startsWith('*.') && n.split('.')[0] === first);
  if (exact) return exact;
  const wildcard = names.dns.find((n) => n.startsWith('*.'));
  if (wildcard && first && !/^[\d.]+$|:/.test(host)) return `${first}.${wildcard.slice(2)}`;
  return names.dns.find((n) => !n.startsWith('*.')) ?? (wildcard ? wildcard : null);
}
