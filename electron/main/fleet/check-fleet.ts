import { checks, type CheckId } from '../../../shared/catalog/checks';
import type { CheckDef } from '../../../shared/catalog/types';
import { evaluate } from '../../../shared/diagnosis/evaluate';
import { diagnose } from '../../../shared/diagnosis/rules';
import { scanVerdict, type ScanVerdict } from '../../../shared/diagnosis/verdict';
import { DEFAULT_NETWORK_TYPE } from '../../../shared/network-type';
import type { ProbeReport } from '../../../shared/probe-facts';
import type { CheckResult, Finding } from '../../../shared/results';
import { hostKey, type ServerPlace } from '../../../shared/server-place';
import type { ServerReport } from '../../../shared/server-report';
import { resultFromReport } from '../scan/run-check';
import { outcomeOf, type FleetRemoting, type RemoteAnswer, type ServerOutcome } from './remoting';

/**
 * `rdp-doctor check --computers`: every listed server's own checks over remoting and, beside
 * them, the probe from here, so each row has both ends of the connection; then one diagnosis per
 * server with the rules the app uses. A server that cannot be reached is a row with the reason.
 */

export interface FleetTarget {
  /** The line as listed. */
  input: string;
  host: string;
  port: number;
}

export interface FleetServerResult {
  target: FleetTarget;
  /** Its report (server-report format), or why there is none. */
  outcome: ServerOutcome;
  /** The probe from this computer; null when probing was turned off. */
  probe: ProbeReport | null;
  results: CheckResult[];
  findings: Finding[];
  verdict: ScanVerdict;
}

const NODE_CHECKS = ['dns', 'tcp-port', 'rdp-handshake'] as const;
const serverChecks = (checks as readonly CheckDef[]).filter((c) => c.source.kind === 'script' && c.source.side === 'server');

/** The three network checks from a probe report, as a scan evaluates them. */
function probeResults(report: ProbeReport, host: string): CheckResult[] {
  const facts = { dns: report.dns, 'tcp-port': report.tcp, 'rdp-handshake': report };
  return NODE_CHECKS.map((checkId) => ({
    checkId,
    ...evaluate(checkId, facts[checkId]),
    facts: facts[checkId],
    durationMs: 0,
    computer: host,
  }));
}

/**
 * One server's diagnosis from whatever arrived: its report's checks (as "Open the server's
 * report" reads them) and the probe's. Without a report its checks say why they did not run.
 */
export function diagnoseServer(
  target: FleetTarget,
  outcome: ServerOutcome,
  probe: ProbeReport | null,
  place?: ServerPlace,
): FleetServerResult {
  const results: CheckResult[] = probe ? probeResults(probe, target.host) : [];
  const report: ServerReport | null = outcome.ok ? outcome.report : null;
  for (const c of serverChecks) {
    const checkId = c.id as CheckId;
    results.push(
      report
        ? resultFromReport(checkId, report, target.host)
        : { checkId, status: 'not-checked', summary: outcome.ok ? '' : outcome.reason, durationMs: 0, computer: target.host },
    );
  }
  const server: ServerPlace = place ?? (report ? { kind: 'remoting', computer: report.computer.name } : { kind: 'not-checked' });
  const findings = diagnose(results, { networkType: DEFAULT_NETWORK_TYPE, server });
  return { target, outcome, probe, results, findings, verdict: scanVerdict(results, findings) };
}

export interface FleetCheckOptions {
  throttleLimit: number;
  timeoutMs: number;
  port: number;
  signal?: AbortSignal;
  /** The probe of one target, or null to leave the network end out. */
  probe: ((target: FleetTarget) => Promise<ProbeReport>) | null;
  /** Probes at once (one server is never probed twice at once: the list is unique by server). */
  probeConcurrency: number;
}

/**
 * Runs the remoting engine over the whole (de-duplicated) list and the probes beside it; calls
 * `onServer` once per server as soon as both ends are in, with its index in `targets`.
 */
export async function checkFleet(
  targets: readonly FleetTarget[],
  remoting: FleetRemoting,
  options: FleetCheckOptions,
  onServer: (result: FleetServerResult, index: number) => void,
): Promise<void> {
  const byHost = new Map(targets.map((t, i) => [hostKey(t.host), i]));
  const answers = new Map<number, RemoteAnswer>();
  const probes = new Map<number, ProbeReport | null>();
  const finish = (i: number) => {
    const answer = answers.get(i);
    if (!answer || !probes.has(i)) return;
    const target = targets[i]!;
    onServer(diagnoseServer(target, outcomeOf(target, answer), probes.get(i) ?? null), i);
    answers.delete(i);
    probes.delete(i);
  };
  const remote = remoting.run(
    targets.map((t) => t.host),
    { throttleLimit: options.throttleLimit, timeoutMs: options.timeoutMs, port: options.port, signal: options.signal },
    (answer) => {
      const i = byHost.get(hostKey(answer.computer));
      if (i === undefined || answers.has(i)) return;
      answers.set(i, answer);
      finish(i);
    },
  );
  const probing = (async () => {
    const probe = options.probe;
    if (!probe) {
      targets.forEach((_, i) => {
        probes.set(i, null);
        finish(i);
      });
      return;
    }
    // A small pool: most of a probe is waiting on the network.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < targets.length; i = next++) {
        if (options.signal?.aborted) return;
        probes.set(i, await probe(targets[i]!));
        finish(i);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.probeConcurrency, targets.length)) }, worker));
  })();
  await Promise.all([remote, probing]);
}
