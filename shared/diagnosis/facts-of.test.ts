import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CheckResult } from '../results';
import { address, attempt, report } from '../../test/probe/fixtures';
import { nla } from '../../test/support/diagnosis-fixtures';
import { factsOf, nlaStages } from './facts-of';

/* What the rules read of a check: its facts only when it ran and answered; every NLA stage the probe reached. */

const ran = (over: Partial<CheckResult>): CheckResult => ({
  checkId: 'client-udp',
  status: 'pass',
  summary: 'ok',
  facts: { policyValue: 1 },
  durationMs: 1,
  ...over,
});

describe('the facts a rule reads', () => {
  it('a check that answered in its schema: its facts; one that did not run, was not checked, gave no facts or others: none', () => {
    const schema = z.object({ policyValue: z.number() });
    expect(factsOf(ran({}), schema)).toEqual({ policyValue: 1 });
    expect(factsOf(undefined, schema)).toBeNull();
    expect(factsOf(ran({ status: 'not-checked' }), schema)).toBeNull();
    expect(factsOf(ran({ facts: { policyValue: 'one' } }), schema)).toBeNull();
    // A check that broke before it could say anything has no facts, even for a rule that takes any.
    expect(factsOf(ran({ status: 'error', facts: undefined }), z.unknown())).toBeNull();
  });

  it("every NLA stage: the address's own and each negotiation attempt's, in that order", () => {
    const first = nla(6, 17763);
    const second = nla(2, 7601);
    const hybrid = attempt(2, { kind: 'selected', protocol: 2, protocolName: 'HYBRID', flags: 0 });
    const r = report({
      addresses: [address({ nla: first }), address({ negotiation: [{ ...hybrid, nla: second }, hybrid] })],
    });
    expect(nlaStages(r)).toEqual([first, second]);
    expect(nlaStages(report())).toEqual([]);
  });
});
