import { DnsFactsSchema } from '../../network-facts';
import type { Evaluation } from '../../diagnosis/types';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateDns(raw: unknown): Evaluation {
  const f = DnsFactsSchema.parse(raw);
  if (f.addresses.length === 0) {
    return { status: 'fail', summary: `"${f.host}" does not resolve to any address (${f.error ?? 'no answer'}).` };
  }
  const list = f.addresses.map((a) => a.address).join(', ');
  return { status: 'pass', summary: `"${f.host}" resolves to ${list}.` };
}

export const dnsDiagnosis = defineCheckDiagnosis({
  id: 'dns',
  evaluate: evaluateDns,
  rules: [],
  informs: "the wire rules (diagnosis/wire/rules.ts), which read the probe's stages together",
});
