import { checks, type CheckId } from '../../../shared/catalog/checks';
import { diagnose } from '../../../shared/diagnosis/rules';
import { DEFAULT_NETWORK_TYPE } from '../../../shared/network-type';
import { evaluate } from '../../../shared/diagnosis/evaluate';
import type { DnsFacts } from '../../../shared/network-facts';
import type { CheckResult, ScanProgress, ScanRequest, ScanResult } from '../../../shared/results';
import type { Ports } from '../ports';
import { runScriptCheck, toErrorResult } from './run-check';

export const TCP_TIMEOUT_MS = 4_000;

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
  let dns: DnsFacts | null = null;

  const runOne = async (checkId: CheckId): Promise<CheckResult> => {
    const started = performance.now();
    if (ctx.signal.aborted) return { checkId, status: 'skipped', summary: 'The scan was cancelled.', durationMs: 0 };
    try {
      if (checkId === 'dns') {
        dns = await ports.network.resolve(request.target.host);
        return { checkId, ...evaluate(checkId, dns), facts: dns, durationMs: performance.now() - started };
      }
      if (checkId === 'tcp-port') {
        const addresses = dns?.addresses.map((a) => a.address) ?? [];
        if (addresses.length === 0) {
          return { checkId, status: 'skipped', summary: 'Skipped: the name did not resolve.', durationMs: 0 };
        }
        const facts = await ports.network.connect(addresses, request.target.port, TCP_TIMEOUT_MS, ctx.signal);
        return { checkId, ...evaluate(checkId, facts), facts, durationMs: performance.now() - started };
      }
      return await runScriptCheck(ports, checkId, request.target);
    } catch (err) {
      return toErrorResult(checkId, err, started);
    }
  };

  for (const check of checks) {
    ctx.onProgress({ scanId: ctx.scanId, checkId: check.id, state: 'running' });
    const result = await runOne(check.id);
    results.push(result);
    ctx.onProgress({ scanId: ctx.scanId, checkId: check.id, state: 'done', result });
  }

  return {
    scanId: ctx.scanId,
    target: request.target,
    startedAt,
    finishedAt: ports.clock.now().toISOString(),
    results,
    findings: diagnose(results, { networkType: request.networkType ?? DEFAULT_NETWORK_TYPE }),
  };
}
