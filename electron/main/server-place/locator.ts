import { hostKey, type ServerPlace } from '../../../shared/server-place';
import { parseServerReport, type ServerReport, type ServerReportSummary } from '../../../shared/server-report';
import type { Target } from '../../../shared/target';
import { WindowsError } from '../windows-error';
import { matchThisComputer, type ThisComputer } from './this-computer';

/** The remoting session, as far as deciding the server's place needs it. */
export interface RemotingStatus {
  status(): { connected: boolean; host: string | null; computerName: string | null };
}

/**
 * Whether the remoting session is to the target: the same name or address as typed, or the
 * computer's own name as it answered (office-pc for OFFICE-PC.contoso.com, and back).
 */
function remotingReaches(remote: { host: string | null; computerName: string | null }, key: string): boolean {
  const short = (name: string) => hostKey(name).split('.')[0];
  const names = [remote.host, remote.computerName].filter((n): n is string => !!n);
  if (names.some((n) => hostKey(n) === key)) return true;
  // Short names compare only with names, never with the first octet of an IP address.
  const isAddress = (n: string) => /^[\d.]+$/.test(n) || n.includes(':');
  return !isAddress(key) && names.some((n) => !isAddress(n) && short(n) === short(key));
}

/**
 * Decides, once per scan, where the server's checks run: this computer when it is the target,
 * helpdesk's remoting session to the target, the server's own report, or nowhere. Fixes ask
 * again (remoting may have started since) and reuse the scan's answer about this computer, so a
 * server fix never lands on this computer unless it is the server.
 */
export class ServerLocator {
  /** The last scan's "this computer is the target" per target (by name, case-insensitively). */
  private readonly here = new Map<string, ServerPlace & { kind: 'this-computer' }>();
  private readonly reports = new Map<string, ServerReport>();

  constructor(
    readonly me: ThisComputer,
    private readonly remoting: RemotingStatus | null,
  ) {}

  /** At the start of a scan: `resolved` are the addresses the probe found for the target. */
  decide(target: Target, resolved: readonly string[], userSaid: boolean): ServerPlace {
    const key = hostKey(target.host);
    const match = matchThisComputer(target.host, resolved, this.me);
    this.here.delete(key);
    if (match || userSaid) this.here.set(key, { kind: 'this-computer', because: match ?? 'user-said' });
    return this.placeFor(target);
  }

  /** Where the server's checks and fixes go now; remoting to the target comes first. */
  placeFor(target: Target): ServerPlace {
    const key = hostKey(target.host);
    const remote = this.remoting?.status();
    if (remote?.connected && remote.host && remotingReaches(remote, key)) {
      return { kind: 'remoting', computer: remote.computerName ?? remote.host };
    }
    const here = this.here.get(key);
    if (here) return here;
    // A fix for a target never scanned: only a literal loopback/own address or own name counts.
    const literal = matchThisComputer(target.host, [], this.me);
    if (literal) return { kind: 'this-computer', because: literal };
    const report = this.reports.get(key);
    if (report) return { kind: 'report', computer: report.computer.name, takenAt: report.takenAt };
    return { kind: 'not-checked' };
  }

  /** The opened report for this target, if any. */
  report(target: Target): ServerReport | null {
    return this.reports.get(hostKey(target.host)) ?? null;
  }

  /** Validates and keeps a report; a bad file throws a plain message and changes nothing. */
  loadReport(target: Target, text: string): ServerReportSummary {
    const parsed = parseServerReport(text, target);
    if (!parsed.ok) throw new WindowsError('bad-request', parsed.message);
    const { report } = parsed;
    this.reports.set(hostKey(target.host), report);
    return { computer: report.computer.name, takenAt: report.takenAt, checks: Object.keys(report.checks).length };
  }

  /** The name a result about the server carries: this PC's name when it is the server. */
  serverName(target: Target, place: ServerPlace): string {
    return place.kind === 'this-computer' ? this.me.name : target.host;
  }
}
