import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DnsFacts } from '../../../shared/network-facts';

/** Every address behind a name, IPv4 and IPv6, as the system resolver (what mstsc uses) sees it. */
export async function resolveAll(host: string): Promise<DnsFacts> {
  const family = isIP(host);
  if (family === 4 || family === 6) return { host, addresses: [{ address: host, family }], error: null };
  try {
    const found = await lookup(host, { all: true, verbatim: true });
    const addresses = found.map((a) => ({ address: a.address, family: a.family === 6 ? (6 as const) : (4 as const) }));
    return { host, addresses, error: addresses.length ? null : 'ENODATA' };
  } catch (err) {
    return { host, addresses: [], error: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}
