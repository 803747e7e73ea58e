import type { SchannelProtocol } from '../catalog/script-def';

/**
 * What one SCHANNEL protocol key (...\SCHANNEL\Protocols\<version>\Server or \Client) says, the
 * same on both computers. From "Transport Layer Security (TLS) registry settings"
 * (learn.microsoft.com/windows-server/security/tls/tls-registry-settings): Enabled = 0 turns the
 * version off; DisabledByDefault = 1 leaves it to programs that ask for it by name, which Remote
 * Desktop does not; a missing key or Enabled value leaves the OS default (which for TLS 1.3
 * before build 20348 is "not there").
 */
export type SchannelState = 'default' | 'on' | 'off' | 'off-by-default';

export function schannelState(p: SchannelProtocol): SchannelState {
  if (!p.keyExists) return 'default';
  if (p.enabled === 0) return 'off';
  if (p.disabledByDefault === 1) return 'off-by-default';
  if (p.enabled === null) return 'default';
  return 'on';
}

/** Off for Remote Desktop, either way. */
export const schannelOff = (s: SchannelState) => s === 'off' || s === 'off-by-default';
