import { ProbeReportSchema } from '../../probe-facts';
import { describeTls, probeVerdict } from '../probe-findings';
import type { handshakeChecks } from '../../catalog/handshake';
import type { Evaluation, Evaluator } from '../types';

/** The probe's own verdict, worded for the check list. */
function evaluateHandshake(raw: unknown): Evaluation {
  const report = ProbeReportSchema.parse(raw);
  const verdict = probeVerdict(report);
  const tls = report.addresses.find((a) => a.tls)?.tls;
  switch (verdict.severity) {
    case 'ok':
      return { status: 'pass', summary: tls ? `${verdict.headline}: ${describeTls(tls)}.` : `${verdict.headline}.` };
    case 'warning':
      return { status: 'warn', summary: `${verdict.headline}.` };
    case 'unreachable':
    case 'unresolved':
      return { status: 'skipped', summary: 'Skipped: the port did not open, so there was no handshake to try.' };
    case 'incomplete':
      return { status: 'error', summary: `The handshake test did not finish (${report.interrupted ?? 'no answer'}).` };
    default:
      return { status: 'fail', summary: `${verdict.headline}.` };
  }
}

export const handshakeEvaluators: { [K in (typeof handshakeChecks)[number]['id']]: Evaluator } = {
  'rdp-handshake': evaluateHandshake,
};
