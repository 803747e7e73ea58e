import type { Evidence } from '../../results';
import { PROTOCOL, type AddressProbe, type Confirm, type NotRdpKind, type TlsHandshake } from '../../probe-facts';

/** How the wire's facts read in evidence lines: the exact protocol facts, for helpdesk staff. */

export function hs(label: string, value: string): Evidence {
  return { checkId: 'rdp-handshake', label, value };
}

export function describeConfirm(c: Confirm): string {
  switch (c.kind) {
    case 'selected':
      return `selected ${c.protocolName}`;
    case 'failure':
      return `RDP_NEG_FAILURE ${c.code} ${c.codeName}`;
    case 'legacy':
      return 'legacy Connection Confirm (no negotiation)';
    case 'not-rdp':
      return `not RDP (${c.looksLike}): ${c.sample}`;
    case 'rejected':
      return c.how === 'x224-disconnect' ? 'X.224 Disconnect Request' : 'MCS Disconnect Provider Ultimatum';
    case 'malformed':
      return `malformed reply: ${c.reason}`;
    case 'closed':
      return `connection closed after ${c.afterBytes} bytes`;
    case 'reset':
      return `connection reset after ${c.afterBytes} bytes`;
    case 'silent':
      return c.afterBytes ? `stalled after ${c.afterBytes} bytes (${c.waitedMs} ms)` : `no answer within ${c.waitedMs} ms`;
    case 'connect-failed':
      return `connection failed: ${c.state}${c.error ? ` (${c.error})` : ''}`;
    case 'cancelled':
      return 'cancelled';
  }
}

export function describeTls(t: TlsHandshake): string {
  return t.outcome === 'ok' ? `${t.version ?? '?'} ${t.cipher ?? ''}`.trim() : `${t.outcome}${t.error ? ` (${t.error})` : ''}`;
}

export const NOT_RDP_PLAIN: Record<NotRdpKind, string> = {
  http: 'a web server (a router or NAS admin page, a Remote Desktop Gateway web page, or a proxy)',
  ssh: 'an SSH server',
  tls: 'a TLS service that is not Remote Desktop (for example a VPN, an RD Gateway or a web server on HTTPS)',
  text: 'another program that greets with text',
  binary: 'another program',
};

/** The negotiation attempt for the request mstsc sends (SSL|HYBRID), else the first one. */
export function mainAttempt(a: AddressProbe) {
  return a.negotiation.find((n) => n.requested === (PROTOCOL.SSL | PROTOCOL.HYBRID)) ?? a.negotiation[0];
}
