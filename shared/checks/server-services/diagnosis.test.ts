import { describe, expect, it } from 'vitest';
import { services, listener } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';

describe('server-services', () => {
  it('puts a stopped TermService and its silent listener into one finding', () => {
    const findings = diagnose([services('Stopped'), listener({ termPid: null, sockets: [] })]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-services-stopped']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['server-services', 'server-listener']);
  });
});
