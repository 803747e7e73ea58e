import type { AddressProbe, ProbeReport } from '../probe-facts';
import type { Finding } from '../results';
import { describeTls, hs, mainAttempt } from './wire/describe';
import { wireFindings } from './wire/rules';
import { rankFindings } from './rank';

/*
 * The probe on its own (the command line, the handshake check's one line): the wire's findings
 * ranked by the same pipeline as a whole scan, and how bad the target is.
 */

/** The one line and the note's title when the handshake works. */
const WORKS = 'Remote Desktop answers and completes the security handshake';

/** Findings with a score at or above this are problems; below it they are notes. */
const PROBLEM_SCORE = 20;

/** The probe's findings, ranked; a note that the handshake works when nothing else stands out. */
export function probeFindings(report: ProbeReport): Finding[] {
  const found = rankFindings(wireFindings(report), {
    'rdp-handshake': { checkId: 'rdp-handshake', status: 'pass', summary: '', facts: report, durationMs: 0 },
  });
  const works = report.addresses.find((a) => a.tls?.outcome === 'ok' || a.accepted.RDP === 'yes');
  if (works && !found.some((f) => f.score >= 40)) {
    const t = works.tls;
    found.push({
      id: 'handshake-works',
      title: WORKS,
      plain: `The server answered as Remote Desktop and completed the security setup${t?.outcome === 'ok' ? ` (${t.version}${t.certificate ? `, certificate valid until ${t.certificate.validTo.slice(0, 10)}` : ''})` : ''}. The network and the server's certificate are not the cause; look at this computer next (saved passwords, the license cache, the CredSSP security updates).`,
      technical: t
        ? `TLS ${describeTls(t)}${t.certificate ? `; certificate ${t.certificate.subject}, SHA-1 ${t.certificate.sha1}` : ''}.`
        : 'PROTOCOL_RDP accepted (standard RDP security).',
      likelihood: 'possible',
      score: 5,
      evidence: [hs('Handshake', t ? describeTls(t) : 'RDP security')],
      fixIds: [],
    });
  }
  return found;
}

/** How bad a target is, worst last (the CLI's exit codes follow this order: electron/cli/exit-codes.ts). */
export const PROBE_SEVERITIES = ['ok', 'warning', 'refused', 'not-rdp', 'unreachable', 'unresolved', 'incomplete'] as const;
export type ProbeSeverity = (typeof PROBE_SEVERITIES)[number];

function addressSeverity(a: AddressProbe): ProbeSeverity {
  const main = mainAttempt(a);
  if (main?.confirm.kind === 'not-rdp') return 'not-rdp';
  if (main?.confirm.kind === 'cancelled') return 'incomplete';
  const works = a.tls?.outcome === 'ok' || a.accepted.RDP === 'yes';
  return works ? 'ok' : 'refused';
}

export interface ProbeVerdict {
  severity: ProbeSeverity;
  /** One line: the top finding, or that the handshake works. */
  headline: string;
}

/** The one line when no finding names the cause (the rules give one for every problem they see). */
const WITHOUT_FINDING: Record<ProbeSeverity, string> = {
  ok: WORKS,
  warning: WORKS,
  refused: 'Remote Desktop answers but does not complete the security handshake',
  'not-rdp': 'Another program answers on this port, not Remote Desktop',
  unreachable: 'Nothing answers on the Remote Desktop port',
  unresolved: 'The computer name does not resolve to an address',
  incomplete: 'The check stopped before it finished',
};

export function probeVerdict(report: ProbeReport, findings: readonly Finding[] = probeFindings(report)): ProbeVerdict {
  let severity: ProbeSeverity;
  const states = report.tcp.attempts.map((t) => t.state);
  if (report.dns.addresses.length === 0) severity = report.interrupted ? 'incomplete' : 'unresolved';
  else if (!states.includes('open')) severity = report.interrupted ? 'incomplete' : 'unreachable';
  else {
    const worst = Math.max(...report.addresses.map((a) => PROBE_SEVERITIES.indexOf(addressSeverity(a))));
    severity = PROBE_SEVERITIES[worst] ?? 'incomplete';
    if (severity === 'ok' && findings.some((f) => f.score >= PROBLEM_SCORE)) severity = 'warning';
  }
  const top = findings[0];
  const headline = severity === 'ok' || !top ? WITHOUT_FINDING[severity] : top.title;
  return { severity, headline };
}
