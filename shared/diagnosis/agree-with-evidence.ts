import { ProbeReportSchema, type ProbeReport } from '../probe-facts';
import type { Finding } from '../results';
import type { Results } from './rule-kit';

/**
 * The probe watched the server from here just now; a setting read elsewhere (or earlier) that it
 * contradicts is not what stops this connection. Such findings are kept, lower and marked, so the
 * admin still sees them (a rule off for another network profile), but never shown as the cause.
 */

/** Some RDP server answered the X.224 request on the port: it is reachable and listening. */
function answeredAsRdp(report: ProbeReport): boolean {
  return report.addresses.some((a) => a.negotiation.some((n) => ['selected', 'failure', 'legacy', 'rejected'].includes(n.confirm.kind)));
}

/** A TLS handshake completed with a certificate that is valid now. */
function tlsWithValidCertificate(report: ProbeReport): boolean {
  return report.addresses.some(
    (a) => a.tls?.outcome === 'ok' && a.tls.certificate !== null && !a.tls.certificate.expired && !a.tls.certificate.notYetValid,
  );
}

interface Contradiction {
  applies: (report: ProbeReport) => boolean;
  note: string;
}

const PORT_ANSWERED =
  'But the port answered as Remote Desktop from here just now, so this is not what stops your connection now (it may still matter on another network).';
const TLS_WORKED =
  'But the server completed a secure handshake with a valid certificate from here just now, so the certificate is not why it closes the connection now.';

const contradictions: Record<string, Contradiction> = {
  'firewall-blocks-rdp': { applies: answeredAsRdp, note: PORT_ANSWERED },
  'rdp-disabled': { applies: answeredAsRdp, note: PORT_ANSWERED },
  'rdp-services-stopped': { applies: answeredAsRdp, note: PORT_ANSWERED },
  'certificate-unusable': { applies: tlsWithValidCertificate, note: TLS_WORKED },
  'rdp-key-unreadable': { applies: tlsWithValidCertificate, note: TLS_WORKED },
};

/** Below every finding the evidence supports, above none. */
const CONTRADICTED_SCORE = 10;

export function agreeWithEvidence(findings: Finding[], r: Results): Finding[] {
  const parsed = ProbeReportSchema.safeParse(r['rdp-handshake']?.facts);
  if (!parsed.success) return findings;
  const report = parsed.data;
  return findings.map((f) => {
    const c = contradictions[f.id];
    if (!c || !c.applies(report)) return f;
    return {
      ...f,
      likelihood: 'possible',
      score: Math.min(f.score, CONTRADICTED_SCORE),
      plain: `${f.plain} ${c.note}`,
      contradicted: true,
    };
  });
}

/**
 * A symptom the probe saw from here, and the cause the server's own checks name for it: one
 * finding, the cause, with the symptom as its evidence (never two findings for one cause).
 */
const SYMPTOMS: Record<string, readonly string[]> = {
  'tls-reset': ['rdp-key-unreadable', 'certificate-unusable', 'tls-disabled'],
  'tls-refused': ['tls-disabled', 'certificate-unusable', 'rdp-key-unreadable'],
  // The server's old (or only the newest) TLS, and this computer's settings that leave no overlap.
  'old-tls-only': ['tls-version-mismatch'],
  'tls13-only': ['tls-version-mismatch'],
  'client-tls-disabled': ['tls-version-mismatch'],
};

export function foldSymptoms(findings: Finding[]): Finding[] {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const folded = new Set<string>();
  const out = findings.map((f) => {
    const symptoms = Object.entries(SYMPTOMS).filter(([symptom, causes]) => causes.includes(f.id) && byId.has(symptom) && !f.contradicted);
    if (symptoms.length === 0) return f;
    const evidence = [...f.evidence];
    for (const [symptom] of symptoms) {
      // The first cause in the list that is present takes the symptom.
      const owner = SYMPTOMS[symptom]!.find((c) => byId.has(c) && !byId.get(c)!.contradicted);
      if (owner !== f.id) continue;
      folded.add(symptom);
      for (const e of byId.get(symptom)!.evidence)
        if (!evidence.some((x) => x.checkId === e.checkId && x.value === e.value)) evidence.push(e);
    }
    return { ...f, evidence };
  });
  return out.filter((f) => !folded.has(f.id));
}
