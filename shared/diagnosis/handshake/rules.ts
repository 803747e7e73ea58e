import { ProbeReportSchema } from '../../probe-facts';
import type { Finding } from '../../results';
import { probeFindings } from '../probe-findings';
import type { Rule } from '../rule-kit';

/**
 * The probe's findings about the handshake. Name and port findings are left to the network
 * rules (which also weigh the server's firewall), and a certificate the probe saw expire is the
 * same cause as the certificate the server's store holds: one finding id, so they merge.
 */
const SAME_CAUSE: Record<string, string> = { 'certificate-expired': 'certificate-unusable' };

const handshakeRule: Rule = (r) => {
  const parsed = ProbeReportSchema.safeParse(r['rdp-handshake']?.facts);
  if (!parsed.success) return null;
  return probeFindings(parsed.data)
    .filter((f) => f.id !== 'handshake-works' && f.evidence.some((e) => e.checkId === 'rdp-handshake'))
    .map((f): Finding => ({ ...f, id: SAME_CAUSE[f.id] ?? f.id, fixIds: [...f.fixIds] }));
};

export const handshakeRules: Rule[] = [handshakeRule];
