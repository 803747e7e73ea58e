import type { CheckId } from '../catalog/types';
import type { CheckResult, Evidence, Finding } from '../results';
import { TcpFactsSchema } from '../network-facts';
import type { DiagnosisContext } from '../network-type';

/** What every rule module uses: results by check id, and small helpers to read them. */
export type Results = Partial<Record<CheckId, CheckResult>>;
/** A rule may use the network type the user chose to word and rank its finding. */
/** A rule names one cause; a rule that reads a whole report (the probe's) may name several. */
export type Rule = (r: Results, ctx: DiagnosisContext) => Finding | Finding[] | null;

export const failed = (r: CheckResult | undefined): r is CheckResult => r?.status === 'fail';
export const evidenceOf = (r: CheckResult, label: string): Evidence => ({ checkId: r.checkId, label, value: r.summary });

/** open if any address answered, else the first address's state; null without TCP facts. */
export function tcpState(r: CheckResult | undefined): string | null {
  const parsed = TcpFactsSchema.safeParse(r?.facts);
  if (!parsed.success) return null;
  const states = parsed.data.attempts.map((a) => a.state);
  if (states.includes('open')) return 'open';
  return states[0] ?? null;
}
