import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { PinnedCertificateFactsSchema } from './catalog';

export function evaluatePinnedCertificate(raw: unknown): Evaluation {
  const f = PinnedCertificateFactsSchema.parse(raw);
  const pinned = f.servers.filter((s) => s.certHash);
  if (pinned.length === 0) {
    return {
      status: 'pass',
      summary: `Remote Desktop has not remembered a certificate for ${f.host}: it asks when a certificate cannot be verified.`,
    };
  }
  return {
    status: 'pass',
    summary: `Remote Desktop remembers the certificate you accepted for ${pinned.map((s) => s.name).join(' and ')} (thumbprint ${pinned.map((s) => s.certHash).join(', ')}).`,
  };
}

export const clientPinnedCertificateDiagnosis = defineCheckDiagnosis({
  id: 'client-pinned-certificate',
  evaluate: evaluatePinnedCertificate,
  rules: [],
  informs: 'the client-trap rules (diagnosis/client-trap-rules.ts), against the certificate the handshake saw',
});
