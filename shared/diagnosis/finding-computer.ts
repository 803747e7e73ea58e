import { getCheck } from '../catalog/checks';
import { getFix } from '../catalog/fixes';
import type { Finding } from '../results';

/**
 * The computer a finding is about, by name: the server (its fixes or its evidence are the
 * server's), this PC (its fixes act only here, or all of its evidence is this PC's own), else the server as this computer
 * sees it over the network. The wizard and the report say it under each finding.
 */
export function findingComputer(f: Finding, names: { thisPc: string; server: string }): string {
  const tiers = new Set(f.evidence.map((e) => getCheck(e.checkId).tier));
  const serverFix = f.fixIds.some((id) => getFix(id).side === 'server');
  if (serverFix || tiers.has('server')) return names.server;
  // What to change is on this PC (no fix acts on the server, so every fix it has acts here),
  // whatever the wire showed besides.
  if (f.fixIds.length > 0) return names.thisPc;
  if (tiers.size > 0 && [...tiers].every((t) => t === 'client')) return names.thisPc;
  return names.server;
}
