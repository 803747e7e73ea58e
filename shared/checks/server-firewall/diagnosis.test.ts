import { describe, expect, it } from 'vitest';
import { result } from '../../../test/support/server-results';

describe('server-firewall', () => {
  it('do not require the WebSocket rules, and do not count them for 3389', () => {
    const fw = (tcpOn: boolean, wsOn: boolean) =>
      result('server-firewall', {
        activeProfiles: ['Public'],
        rules: [
          {
            name: 'RemoteDesktop-UserMode-In-TCP',
            displayName: 'Remote Desktop - User Mode (TCP-In)',
            enabled: tcpOn,
            profiles: ['Any'],
            protocol: 'TCP',
            webSocket: false,
          },
          {
            name: 'RemoteDesktop-In-TCP-WS',
            displayName: 'Remote Desktop - (TCP-WS-In)',
            enabled: wsOn,
            profiles: ['Any'],
            protocol: 'TCP',
            webSocket: true,
          },
        ],
      });
    expect(fw(true, false).status).toBe('pass');
    expect(fw(true, false).summary).toMatch(/WebSocket rule is off/);
    expect(fw(false, true).status).toBe('fail');
  });
});
