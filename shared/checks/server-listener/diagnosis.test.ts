import { describe, expect, it } from 'vitest';
import { listener } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';

describe('server-listener', () => {
  it('names the program holding the port', () => {
    const [f] = diagnose([listener({ sockets: [{ port: 3389, pid: 5512, processName: 'nginx', services: [] }] })]);
    expect(f?.id).toBe('rdp-listener-problem');
    expect(f?.evidence[0]?.value).toMatch(/nginx\.exe \(process 5512\)/);
  });
});
