import { isIP } from 'node:net';
import { hostKey } from '../../../shared/server-place';

/** This computer as the network sees it: its name and its addresses. */
export interface ThisComputer {
  /** Its computer name (os.hostname(); on Windows the NetBIOS-style name, e.g. LAPTOP-4K2M). */
  name: string;
  /** Its DNS name when it has a domain suffix, else null. */
  dnsName: string | null;
  /** Every address of its network interfaces (os.networkInterfaces()), loopback included. */
  addresses(): string[];
}

export type ThisComputerMatch = 'loopback' | 'own-address' | 'own-name';

/** 127.0.0.0/8, ::1, and both written as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string): boolean {
  const a = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const v4 = a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  if (isIP(v4) !== 6) return false;
  // Expand "::1" forms: every group zero but the last, which is 1.
  const groups = expandIpv6(v4);
  return groups !== null && groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
}

function expandIpv6(a: string): number[] | null {
  const [head, tail] = a.includes('::') ? a.split('::') : [a, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  if (tail === null && h.length !== 8) return null;
  const zeros = Array<string>(8 - h.length - t.length).fill('0');
  const all = [...h, ...zeros, ...t];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return all.map((g) => parseInt(g, 16));
}

const sameAddress = (a: string, b: string) => normalizeAddress(a) === normalizeAddress(b);
function normalizeAddress(address: string): string {
  const a = address.toLowerCase().replace(/%.*$/, '');
  if (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4) return a.slice(7);
  const groups = isIP(a) === 6 ? expandIpv6(a) : null;
  return groups ? groups.map((g) => g.toString(16)).join(':') : a;
}

/**
 * Whether a target is this computer: the name itself (its computer name, its DNS name,
 * "localhost", in any case), or any address it resolves to is a loopback address or one of this
 * computer's own. `resolved` are the addresses the name resolved to (the probe's DNS stage); a
 * name that does not resolve is not this computer.
 */
export function matchThisComputer(host: string, resolved: readonly string[], me: ThisComputer): ThisComputerMatch | null {
  const key = hostKey(host);
  const names = [me.name, me.dnsName, 'localhost'].filter((n): n is string => !!n).map(hostKey);
  if (names.includes(key) || key.endsWith('.localhost')) return 'own-name';
  const addresses = isIP(key.replace(/^\[|\]$/g, '')) ? [key.replace(/^\[|\]$/g, '')] : resolved;
  if (addresses.some(isLoopback)) return 'loopback';
  const own = me.addresses();
  if (addresses.some((a) => own.some((o) => sameAddress(a, o)))) return 'own-address';
  return null;
}
