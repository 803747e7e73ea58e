import { describe, expect, it } from 'vitest';
import { schannelOff, schannelState } from './schannel';

const key = (over: { keyExists?: boolean; enabled?: number | null; disabledByDefault?: number | null }) => ({
  version: 'TLS 1.2' as const,
  keyExists: true,
  enabled: null,
  disabledByDefault: null,
  ...over,
});

describe('a SCHANNEL protocol key, on the server or the client', () => {
  it('is the OS default when the key or its Enabled value is missing, never "disabled"', () => {
    expect(schannelState(key({ keyExists: false }))).toBe('default');
    // The key is what counts: values carried for a key that is gone (a hand-edited report) change nothing.
    expect(schannelState(key({ keyExists: false, enabled: 0 }))).toBe('default');
    expect(schannelState(key({ keyExists: false, enabled: 1, disabledByDefault: 1 }))).toBe('default');
    expect(schannelState(key({}))).toBe('default');
    expect(schannelState(key({ disabledByDefault: 0 }))).toBe('default');
  });

  it('is on when Enabled is set to anything but 0', () => {
    expect(schannelState(key({ enabled: 1 }))).toBe('on');
    expect(schannelState(key({ enabled: -1, disabledByDefault: 0 }))).toBe('on');
  });

  it('is off for Remote Desktop with Enabled = 0, or with DisabledByDefault = 1 (Remote Desktop never asks for a version by name)', () => {
    expect(schannelState(key({ enabled: 0 }))).toBe('off');
    expect(schannelState(key({ enabled: 0, disabledByDefault: 1 }))).toBe('off');
    expect(schannelState(key({ enabled: 1, disabledByDefault: 1 }))).toBe('off-by-default');
    expect(['default', 'on', 'off', 'off-by-default'].filter((s) => schannelOff(s as never))).toEqual(['off', 'off-by-default']);
  });
});
