import { describe, expect, it } from 'vitest';
import { tls } from '../../../test/support/server-results';

describe('server-tls-versions', () => {
  it('treat a missing SCHANNEL key as the OS default, and DisabledByDefault = 1 as off', () => {
    expect(tls(null).status).toBe('pass');
    expect(tls({ enabled: 0, disabledByDefault: null }).status).toBe('fail');
    expect(tls({ enabled: 1, disabledByDefault: 1 })).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/^TLS 1.2 is turned off for the server unless a program asks for it;/),
    });
  });
});
