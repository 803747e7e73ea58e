import { describe, expect, it } from 'vitest';
import { tls } from '../../../test/support/client-results';

describe('client-tls', () => {
  it('treats a missing SCHANNEL key or value as the OS default, never as disabled', () => {
    expect(tls().status).toBe('pass');
    expect(tls({ enabled: 1, disabledByDefault: 1 }).status).toBe('fail');
  });
});
