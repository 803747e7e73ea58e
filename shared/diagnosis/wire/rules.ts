import { ProbeReportSchema, type AddressProbe, type ProbeReport } from '../../probe-facts';
import { DnsFactsSchema, TcpFactsSchema } from '../../network-facts';
import type { Finding } from '../../results';
import { factsOf } from '../facts-of';
import type { Rule } from '../rule-kit';
import { certificateFindings } from './certificate';
import { describeConfirm, hs, mainAttempt } from './describe';
import { firstReplyFinding, negotiationFindings } from './negotiation';
import { networkFindings } from './network';
import { tlsFailureFinding, tlsVersionFindings } from './tls';

/*
 * What the wire showed from here: the name, the port, and the first bytes of Remote Desktop
 * (X.224, TLS, the NLA challenge). Each finding's evidence is the exact protocol facts; the
 * ranking (rank.ts) decides which of them a cause found on either computer explains.
 */

function addressFindings(report: ProbeReport, a: AddressProbe, many: boolean): Finding[] {
  const at = many ? ` (${a.address})` : '';
  const main = mainAttempt(a);
  if (!main) return [];
  const ev = [hs(`First reply${at}`, describeConfirm(main.confirm))];
  const first = firstReplyFinding(main.confirm, ev, report.target.port);
  if (first) return [first];
  const out = negotiationFindings(a, ev);
  if (a.tls) {
    const failed = tlsFailureFinding(a.tls, a, ev);
    if (failed) out.push(failed);
    if (a.tls.outcome === 'ok') {
      out.push(...tlsVersionFindings(a, ev));
      if (a.tls.certificate) out.push(...certificateFindings(a.tls.certificate, report.target.host, ev));
    }
  }
  const works = a.tls?.outcome === 'ok' || a.accepted.RDP === 'yes';
  if (!works && !out.some((f) => f.score >= 40) && main.confirm.kind !== 'cancelled') {
    out.push({
      id: 'handshake-refused',
      title: 'The server refuses every security option offered',
      plain:
        'Remote Desktop answers but refuses every way of securing the connection that was offered (standard RDP security, TLS and Network Level Authentication). Its security, encryption level or FIPS settings may not match any current Remote Desktop app; check them on the server or in the company policy.',
      technical:
        'Every RDP_NEG_REQ refused. Check SecurityLayer, UserAuthentication and MinEncryptionLevel under ...\\WinStations\\RDP-Tcp and HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services, and FIPSAlgorithmPolicy.',
      likelihood: 'likely',
      score: 70,
      evidence: [...ev, ...a.negotiation.map((n) => hs(`Asked for ${n.requestedName}`, describeConfirm(n.confirm)))],
      fixIds: [],
    });
  }
  return out;
}

/** Every finding the probe's report alone supports, unranked. */
export function wireFindings(report: ProbeReport): Finding[] {
  const many = report.addresses.length > 1;
  const found = [
    ...networkFindings(report.dns, report.tcp, report.interrupted !== null),
    ...report.addresses.flatMap((a) => addressFindings(report, a, many)),
  ];
  if (report.interrupted) {
    found.push({
      id: 'probe-incomplete',
      title: report.interrupted === 'cancelled' ? 'The check was cancelled' : 'The check ran out of time',
      plain: 'Not every step finished, so this picture is incomplete. Run it again, with a longer time limit if the network is slow.',
      technical: `Probe interrupted: ${report.interrupted}.`,
      likelihood: 'possible',
      score: 20,
      evidence: [hs('Stopped', report.interrupted)],
      fixIds: [],
    });
  }
  return found;
}

/**
 * The wire rule of the scan: the probe's report when the handshake check ran; without it (a scan
 * that stopped early, a test feeding the network checks alone), the name and port checks' facts.
 */
const wireRule: Rule = (r) => {
  const report = factsOf(r['rdp-handshake'], ProbeReportSchema);
  if (report) return wireFindings(report);
  const dns = factsOf(r.dns, DnsFactsSchema);
  const tcp = factsOf(r['tcp-port'], TcpFactsSchema);
  return networkFindings(dns, tcp, false);
};

export const wireRules: Rule[] = [wireRule];
