import type { z } from 'zod';
import { ProbeReportSchema, type NlaFacts, type ProbeReport } from '../probe-facts';
import type { CheckResult } from '../results';
import type { Results } from './rule-kit';

/** Facts of a check that ran and answered in its schema; null otherwise (not run, not checked, broken). */
export function factsOf<T extends z.ZodType>(r: CheckResult | undefined, schema: T): z.infer<T> | null {
  if (!r || r.facts === undefined || r.status === 'not-checked') return null;
  const parsed = schema.safeParse(r.facts);
  return parsed.success ? parsed.data : null;
}

/** The probe's report of this scan, when the handshake check ran. */
export const probeReportOf = (r: Results): ProbeReport | null => factsOf(r['rdp-handshake'], ProbeReportSchema);

/** Every NLA stage the probe reached (per address, and per negotiation attempt). */
export function nlaStages(report: ProbeReport): NlaFacts[] {
  return report.addresses.flatMap((a) => [a.nla, ...a.negotiation.map((n) => n.nla)]).filter((n): n is NlaFacts => n !== undefined);
}
