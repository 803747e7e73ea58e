import type { Evidence, Finding } from '../../results';
import type { AddressProbe, TlsHandshake } from '../../probe-facts';
import { learnMore } from '../../catalog/learn-more';
import { describeTls, hs } from './describe';

/** What the TLS handshake after the X.224 confirm showed: how it failed, and which versions the server takes. */

export function tlsVersionFindings(a: AddressProbe, ev: Evidence[]): Finding[] {
  const v = Object.fromEntries(a.tlsVersions.map((t) => [t.version, t.accepted]));
  const sweep = hs('TLS versions', a.tlsVersions.map((t) => `${t.version} ${t.accepted}`).join(', '));
  const old = v['TLSv1.1'] === 'yes' || v['TLSv1'] === 'yes';
  if (old && v['TLSv1.2'] === 'no' && v['TLSv1.3'] !== 'yes') {
    return [
      {
        id: 'old-tls-only',
        title: 'The server only speaks old TLS (1.0 / 1.1)',
        plain:
          'The server encrypts Remote Desktop with TLS 1.0 or 1.1 only. Current Windows versions and many security policies turn those off, and then the connection is closed during setup: error 0x904 / 0x7. On Windows 7 or Server 2008 R2, install update KB3080079 (TLS 1.1 and 1.2 for Remote Desktop) and switch TLS 1.2 on; on newer servers check that TLS 1.2 was not switched off.',
        technical:
          'TLS sweep: 1.2 and 1.3 refused, 1.0 or 1.1 accepted. HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server (Enabled / DisabledByDefault); KB3080079 for RDP on 2008 R2 / Windows 7.',
        learnMore: learnMore.tlsRegistry,
        likelihood: 'likely',
        score: 80,
        evidence: [...ev, sweep],
        fixIds: [],
      },
    ];
  }
  if (v['TLSv1.3'] === 'yes' && v['TLSv1.2'] === 'no' && !old) {
    return [
      {
        id: 'tls13-only',
        title: 'The server only speaks TLS 1.3',
        plain:
          'The server refuses TLS 1.2. Windows 10, Windows Server 2019 and older computers do not use TLS 1.3 for Remote Desktop, so they are cut off during setup. Switch TLS 1.2 on for the server, or connect from a current Windows 11.',
        technical: 'TLS sweep: only TLS 1.3 accepted. Enable SCHANNEL\\Protocols\\TLS 1.2\\Server (Enabled = 1, DisabledByDefault = 0).',
        learnMore: learnMore.tlsRegistry,
        likelihood: 'possible',
        score: 55,
        evidence: [...ev, sweep],
        fixIds: [],
      },
    ];
  }
  return [];
}

export function tlsFailureFinding(t: TlsHandshake, a: AddressProbe, ev: Evidence[]): Finding | null {
  const tlsEv = [...ev, hs('TLS handshake', describeTls(t))];
  switch (t.outcome) {
    case 'ok':
    case 'cancelled':
    case 'unsupported-locally':
      return null;
    case 'reset':
    case 'closed':
      return {
        id: 'tls-reset',
        title: 'The server hangs up when encryption starts',
        plain:
          "The server agreed to encrypt the connection and then closed it as soon as the encryption began. That is exactly error 0x904 / 0x7, and the usual reason is the server's Remote Desktop certificate: it is missing, or Remote Desktop cannot read its private key. Making Windows create a new certificate usually fixes it; if TLS is turned off on the server, turn TLS 1.2 back on instead.",
        technical:
          'SSL or HYBRID selected, then TCP RST / FIN on the ClientHello. Server side: events 1057 / 1058 (certificate creation or key access), Schannel 36870 (NETWORK SERVICE cannot read the MachineKeys file), 36871 (TLS version disabled).',
        learnMore: learnMore.internalError,
        likelihood: 'likely',
        score: 92,
        evidence: tlsEv,
        fixIds: [],
      };
    case 'alert': {
      const noVersion = a.tlsVersions.length > 0 && a.tlsVersions.every((v) => v.accepted !== 'yes');
      return {
        id: 'tls-refused',
        title: noVersion ? 'The server accepts no TLS version' : 'The server refuses the TLS handshake',
        plain: noVersion
          ? 'The server said yes to encryption but then refused TLS 1.0, 1.1, 1.2 and 1.3 alike. TLS is probably switched off on the server, or its certificate cannot be used. Switch TLS 1.2 back on for the server.'
          : "The server broke off the TLS handshake with an error. Its certificate or private key may be unusable, or its encryption settings allow nothing this computer offers. Check the server's certificate first.",
        technical: noVersion
          ? `TLS alert on every version of the sweep (${describeTls(t)}). HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols; System log Schannel 36871.`
          : `TLS alert: ${describeTls(t)}. Certificate or private key unusable (Schannel 36870), or no common cipher suite (36874 / 36888).`,
        learnMore: noVersion ? learnMore.tlsRegistry : learnMore.internalError,
        likelihood: 'likely',
        score: 85,
        evidence: tlsEv,
        fixIds: [],
      };
    }
    case 'not-tls':
    case 'error':
      return {
        id: 'tls-broken',
        title: 'The encrypted part of the handshake is broken',
        plain:
          'The server agreed to use TLS but what came back is not a valid TLS handshake. A proxy, load balancer or security device between you and the server may be interfering, or the program on this port is not a real Remote Desktop server.',
        technical: `TLS after the X.224 Connection Confirm failed: ${describeTls(t)}.`,
        likelihood: 'likely',
        score: 70,
        evidence: tlsEv,
        fixIds: [],
      };
    case 'timeout':
      return {
        id: 'tls-stalled',
        title: 'The encrypted handshake never finishes',
        plain:
          'The server agreed to use TLS and then stopped answering. A VPN or firewall that drops large packets, an inspecting proxy, or an overloaded server can do this.',
        technical:
          'No ServerHello before the timeout after the ClientHello: path MTU (try a lower MTU on the VPN adapter), TLS inspection, or a hung TermService.',
        likelihood: 'likely',
        score: 70,
        evidence: tlsEv,
        fixIds: [],
      };
  }
}
