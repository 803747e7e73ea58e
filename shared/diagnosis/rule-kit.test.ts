import { describe, expect, it } from 'vitest';
import { result } from '../../test/support/diagnosis-fixtures';
import { diagnose } from './rules';
import { tcpState } from './rule-kit';

/* The port test as the rules read it: one address that answered is enough to reach the server. */

type State = 'open' | 'refused' | 'filtered';
const tcp = (...states: State[]) =>
  result('tcp-port', {
    port: 3389,
    attempts: states.map((state, i) => ({ address: i === 0 ? 'fe80::5' : '10.0.0.5', state, ms: 4, error: null })),
  });

describe('the state of the port', () => {
  it("open when any address answered, else the first address's state; nothing without a port test", () => {
    expect(tcpState(tcp('filtered', 'open'))).toBe('open');
    expect(tcpState(tcp('refused', 'open', 'filtered'))).toBe('open');
    expect(tcpState(tcp('filtered', 'refused'))).toBe('filtered');
    expect(tcpState(tcp('refused', 'filtered'))).toBe('refused');
    expect(tcpState(tcp())).toBeNull();
    expect(tcpState(undefined)).toBeNull();
  });

  it('an IPv6 address that drops the connection does not make the port "silently blocked" when IPv4 answered', () => {
    expect(diagnose([tcp('filtered', 'open')]).map((f) => f.id)).not.toContain('firewall-blocks-rdp');
    expect(diagnose([tcp('filtered', 'filtered')]).map((f) => f.title)).toContain('Something silently blocks the Remote Desktop port');
  });
});
