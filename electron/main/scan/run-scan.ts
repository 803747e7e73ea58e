import { checks, type CheckId } from '../../../shared/catalog/checks';
import { diagnose } from '../../../shared/diagnosis/rules';
import { findingComputer } from '../../../shared/diagnosis/finding-computer';
import { DEFAULT_NETWORK_TYPE } from '../../../shared/network-type';
import { evaluate } from '../../../shared/diagnosis/evaluate';
import type { ProbeReport } from '../../../shared/probe-facts';
import type { CheckResult, ScanProgress, ScanRequest, ScanResult } from '../../../shared/results';
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
 * Runs the plan, simplest tier first, streaming progress per check. Network checks run in Node;
 * the rest run as catalog scripts. A check that cannot run says why; the scan goes on.
 */
export async function runScan(ports: Ports, request: ScanRequest, ctx: ScanContext): Promise<ScanResult> {
  const startedAt = ports.clock.now().toISOString();
  const results: CheckResult[] = [];
  const done = (result: CheckResult) => {
    results.push(result);
    ctx.onProgress({ scanId: ctx.scanId, checkId: result.checkId, state: 'done', result });
  };

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

  for (const check of checks) {
    if ((NODE_CHECKS as readonly string[]).includes(check.id)) continue;
    ctx.onProgress({ scanId: ctx.scanId, checkId: check.id, state: 'running' });
    done(
      ctx.signal.aborted
        ? { checkId: check.id, status: 'skipped', summary: 'The scan was cancelled.', durationMs: 0 }
        : await runScriptCheck(ports, check.id, request.target, server),
    );
  }

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
