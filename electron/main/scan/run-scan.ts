import { checks, type CheckId } from '../../../shared/catalog/checks';
import type { CheckDef } from '../../../shared/catalog/types';
import { diagnose } from '../../../shared/diagnosis/rules';
import { findingComputer } from '../../../shared/diagnosis/finding-computer';
import { DEFAULT_NETWORK_TYPE } from '../../../shared/network-type';
import { evaluate } from '../../../shared/diagnosis/evaluate';
import type { ProbeReport } from '../../../shared/probe-facts';
import type { CheckResult, ScanProgress, ScanRequest, ScanResult } from '../../../shared/results';
import type { ServerPlace } from '../../../shared/server-place';
import type { Ports } from '../ports';
import { runScriptCheck, toErrorResult } from './run-check';

/** How long a silent port may take before it counts as filtered, and the whole probe. */
const TCP_TIMEOUT_MS = 4_000;
const PROBE_TIMEOUT_MS = 15_000;

/** The probe covers three checks; its stages say which one is running. */
const NODE_CHECKS = ['dns', 'tcp-port', 'rdp-handshake'] as const;
const stageCheck = { dns: 'dns', tcp: 'tcp-port', negotiation: 'rdp-handshake', 'tls-versions': 'rdp-handshake' } as const;

export interface ScanContext {
  scanId: string;
  signal: AbortSignal;
  onProgress(event: ScanProgress): void;
}

/**
 * Runs the plan, streaming progress per check. Network checks run in Node, the rest as catalog
 * scripts: this computer's while the probe runs, the server's once it is known where the server
 * is. A check that cannot run says why; the scan goes on.
 */
export async function runScan(ports: Ports, request: ScanRequest, ctx: ScanContext): Promise<ScanResult> {
  const startedAt = ports.clock.now().toISOString();
  const results: CheckResult[] = [];
  const done = (result: CheckResult) => {
    results.push(result);
    ctx.onProgress({ scanId: ctx.scanId, checkId: result.checkId, state: 'done', result });
  };

  // This computer's checks need nothing from the network: they run while the probe waits on it.
  const scriptChecks = (side: 'client' | 'server'): CheckId[] =>
    (checks as readonly CheckDef[]).filter((c) => c.source.kind === 'script' && c.source.side === side).map((c) => c.id as CheckId);
  const runLane = async (list: CheckId[], place: ServerPlace) => {
    for (const checkId of list) {
      ctx.onProgress({ scanId: ctx.scanId, checkId, state: 'running' });
      done(
        ctx.signal.aborted
          ? { checkId, status: 'skipped', summary: 'The scan was cancelled.', durationMs: 0 }
          : await runScriptCheck(ports, checkId, request.target, place),
      );
    }
  };
  const clientLane = runLane(scriptChecks('client'), { kind: 'not-checked' });

  // The network and handshake tiers are one probe: its report holds the DNS, TCP and handshake
  // facts, and its stages stream as the progress of those three checks.
  const started = performance.now();
  const running = new Set<CheckId>();
  const markRunning = (checkId: CheckId) => {
    if (running.has(checkId)) return;
    running.add(checkId);
    ctx.onProgress({ scanId: ctx.scanId, checkId, state: 'running' });
  };
  markRunning('dns');
  let report: ProbeReport | null = null;
  try {
    report = await ports.network.probe(request.target.host, {
      port: request.target.port,
      timeoutMs: PROBE_TIMEOUT_MS,
      connectTimeoutMs: TCP_TIMEOUT_MS,
      signal: ctx.signal,
      onProgress: (p) => {
        if (p.stage !== 'done') markRunning(stageCheck[p.stage]);
      },
    });
  } catch (err) {
    for (const checkId of NODE_CHECKS) {
      markRunning(checkId);
      done({ ...toErrorResult(checkId, err, started), computer: request.target.host });
    }
  }
  if (report) {
    const durationMs = performance.now() - started;
    const facts = { dns: report.dns, 'tcp-port': report.tcp, 'rdp-handshake': report };
    for (const checkId of NODE_CHECKS) {
      markRunning(checkId);
      done({ checkId, ...evaluate(checkId, facts[checkId]), facts: facts[checkId], durationMs, computer: request.target.host });
    }
  }

  // Decided once, before any server check: where the server is, if anywhere this scan can reach.
  const resolved = report?.dns.addresses.map((a) => a.address) ?? [];
  const server = ports.servers.decide(request.target, resolved, request.thisComputerIsServer ?? false);
  // Over remoting the server's checks run in its own session, beside this computer's; on this
  // computer they share one PowerShell, so they wait for the client lane.
  const serverLane =
    server.kind === 'remoting' ? runLane(scriptChecks('server'), server) : clientLane.then(() => runLane(scriptChecks('server'), server));
  await Promise.all([clientLane, serverLane]);
  // The report and the wizard list checks in the catalog's order, however the lanes finished.
  const order = new Map((checks as readonly CheckDef[]).map((c, i) => [c.id, i]));
  results.sort((a, b) => order.get(a.checkId)! - order.get(b.checkId)!);

  const names = { thisPc: ports.servers.me.name, server: ports.servers.serverName(request.target, server) };
  return {
    scanId: ctx.scanId,
    target: request.target,
    startedAt,
    finishedAt: ports.clock.now().toISOString(),
    results,
    findings: diagnose(results, {
      networkType: request.networkType ?? DEFAULT_NETWORK_TYPE,
      server,
      thisComputer: ports.servers.me.name,
      ...(request.reportedError ? { reportedError: request.reportedError } : {}),
    }).map((f) => ({ ...f, computer: findingComputer(f, names) })),
    thisComputer: ports.servers.me.name,
    server,
  };
}
