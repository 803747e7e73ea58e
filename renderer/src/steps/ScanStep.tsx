import { useShallow } from 'zustand/react/shallow';
import { checks, tiers, tierTitles, type CheckDef, type Tier } from '../../../shared/catalog/checks';
import type { CheckResult } from '../../../shared/results';
import { formatTarget, parseTargetInput } from '../../../shared/target';
import { useWizard } from '../store';
import { StatusIcon } from '../components/StatusIcon';
import { ErrorBanner } from '../components/ErrorBanner';

type Progress = 'waiting' | 'running' | CheckResult;
const statusOf = (p: Progress) => (typeof p === 'object' ? p.status : p);

/** The worst that happened in a tier so far, for its one icon; running wins while it runs. */
function tierStatus(list: Progress[]): Parameters<typeof StatusIcon>[0]['status'] {
  const s = list.map(statusOf);
  if (s.includes('running')) return 'running';
  if (s.every((x) => x === 'waiting')) return 'waiting';
  if (s.includes('waiting')) return 'running';
  for (const worst of ['fail', 'error', 'warn'] as const) if (s.includes(worst)) return worst;
  if (s.includes('pass')) return 'pass';
  return s.includes('not-checked') ? 'not-checked' : s.includes('unavailable') ? 'unavailable' : 'skipped';
}

/** "about 20 s left", from the pace so far; nothing until there is a pace to go by. */
function timeLeft(startedMs: number | null, done: number, total: number): string {
  if (!startedMs || done < 3 || done >= total) return '';
  const perCheck = (Date.now() - startedMs) / done;
  const left = Math.max(5, Math.ceil((perCheck * (total - done)) / 5000) * 5);
  return `, about ${left} s left`;
}

export function ScanStep() {
  const { progress, scanError, hostText, portText, cancelScan, startOver, scanId, startedMs } = useWizard(
    useShallow((s) => ({
      progress: s.progress,
      scanError: s.scanError,
      hostText: s.hostText,
      portText: s.portText,
      cancelScan: s.cancelScan,
      startOver: s.startOver,
      scanId: s.scanId,
      startedMs: s.scanStartedMs,
    })),
  );
  const parsed = parseTargetInput(hostText, portText);
  const server = parsed.ok ? parsed.target.host : 'the server';
  const done = checks.filter((c) => typeof progress[c.id] === 'object').length;
  const of = (c: CheckDef): Progress => progress[c.id as keyof typeof progress] ?? 'waiting';
  const tierName = (t: Tier) => (t === 'server' ? `${tierTitles[t]}: ${server}` : tierTitles[t]);

  return (
    <section aria-labelledby="scan-title">
      <h1 id="scan-title" tabIndex={-1}>
        Checking {parsed.ok ? formatTarget(parsed.target) : 'the computer'}
      </h1>
      <div className="scan-bar">
        <progress max={checks.length} value={done} aria-label="Checks done" />
        <span className="grow">
          {done} of {checks.length} checks done{timeLeft(startedMs, done, checks.length)}
        </span>
        {scanError ? (
          <button type="button" onClick={startOver}>
            Back
          </button>
        ) : (
          <button type="button" onClick={() => void cancelScan()} disabled={!scanId}>
            Cancel
          </button>
        )}
      </div>
      {scanError && <ErrorBanner error={scanError} />}
      <ol className="tiers card">
        {tiers.map((tier) => {
          const inTier = checks.filter((c) => c.tier === tier) as CheckDef[];
          if (inTier.length === 0) return null;
          const list = inTier.map(of);
          const tierDone = list.filter((p) => typeof p === 'object').length;
          const running = inTier.find((c) => of(c) === 'running');
          const active = !!running || (tierDone > 0 && tierDone < inTier.length);
          return (
            <li key={tier} className="tier-row" data-tier={tier} data-active={active ? 'true' : undefined}>
              <StatusIcon status={tierStatus(list)} />
              <div className="grow">
                <div className="tier-head">
                  <h2>{tierName(tier)}</h2>
                  <span className="tier-count">
                    {tierDone} of {inTier.length}
                  </span>
                </div>
                <p className="check-summary" aria-live={running ? 'polite' : undefined}>
                  {running ? `Now: ${running.title}…` : tierDone === inTier.length ? summaryLine(list) : 'Waiting'}
                </p>
                <details className="tier-checks">
                  <summary>Checks in this part</summary>
                  <ul className="check-list compact">
                    {inTier.map((c) => {
                      const p = of(c);
                      return (
                        <li key={c.id} data-check={c.id} data-status={statusOf(p)}>
                          <StatusIcon status={statusOf(p)} />
                          <span className="check-title">{c.title}</span>
                          <span className="check-summary">{typeof p === 'object' ? p.summary : ''}</span>
                        </li>
                      );
                    })}
                  </ul>
                </details>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function summaryLine(list: Progress[]): string {
  const s = list.map(statusOf);
  const n = (k: string) => s.filter((x) => x === k).length;
  const parts = [
    n('fail') && `${n('fail')} with a problem`,
    n('warn') && `${n('warn')} worth a look`,
    n('pass') && `${n('pass')} fine`,
    n('not-checked') && `${n('not-checked')} not checked from here`,
    n('unavailable') + n('error') + n('skipped') && `${n('unavailable') + n('error') + n('skipped')} could not run`,
  ].filter(Boolean);
  return `Done: ${parts.join(', ')}.`;
}
