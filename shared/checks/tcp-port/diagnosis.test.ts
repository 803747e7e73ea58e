import { describe, expect, it } from 'vitest';
import { evaluate } from '../../diagnosis/evaluate';
import type { TcpState } from '../../network-facts';

const attempt = (address: string, state: TcpState, ms = 12.4, error: string | null = null) => ({ address, state, ms, error });
const tcp = (...attempts: ReturnType<typeof attempt>[]) => evaluate('tcp-port', { port: 3389, attempts });

describe('tcp-port', () => {
  it('passes when any address opened, naming that address and the rounded time', () => {
    const e = tcp(attempt('fe80::5', 'filtered'), attempt('10.0.0.5', 'open', 12.6));
    expect(e.status).toBe('pass');
    expect(e.summary).toBe('Port 3389 is open on 10.0.0.5 (answered in 13 ms).');
  });

  it('skips when there was no address to connect to', () => {
    const e = tcp();
    expect(e.status).toBe('skipped');
    expect(e.summary).toMatch(/^Skipped: the name did not resolve/);
  });

  it('blames something in between for a silent port, before a refusal on another address', () => {
    const e = tcp(attempt('10.0.0.5', 'refused'), attempt('fe80::5', 'filtered'));
    expect(e.status).toBe('fail');
    expect(e.summary).toMatch(/^Port 3389 does not answer at all: something between you and the server silently drops/);
  });

  it('says nothing listens when the computer refused', () => {
    const e = tcp(attempt('10.0.0.5', 'refused'), attempt('fe80::5', 'unreachable', 1, 'EHOSTUNREACH'));
    expect(e.status).toBe('fail');
    expect(e.summary).toMatch(/^Port 3389 is closed: the computer answered, but nothing listens on that port/);
  });

  it('names the first error when the server could not be reached at all, or "unreachable" without one', () => {
    const e = tcp(attempt('10.0.0.5', 'unreachable', 1, 'ENETUNREACH'), attempt('fe80::5', 'error', 1, 'EACCES'));
    expect(e.status).toBe('fail');
    expect(e.summary).toBe('The server cannot be reached on port 3389 (ENETUNREACH).');
    expect(tcp(attempt('10.0.0.5', 'error')).summary).toBe('The server cannot be reached on port 3389 (unreachable).');
  });
});
