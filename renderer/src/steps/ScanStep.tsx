import { useShallow } from 'zustand/react/shallow';
import { checks, tiers, tierTitles } from '../../../shared/catalog/checks';
import { formatTarget, parseTargetInput } from '../../../shared/target';
import { useWizard } from '../store';
import { StatusIcon } from '../components/StatusIcon';
import { ErrorBanner } from '../components/ErrorBanner';

export function ScanStep() {
  const { progress, scanError, hostText, portText, cancelScan, startOver, scanId } = useWizard(
    useShallow((s) => ({
      progress: s.progress,
      scanError: s.scanError,
      hostText: s.hostText,
      portText: s.portText,
      cancelScan: s.cancelScan,
      startOver: s.startOver,
      scanId: s.scanId,
    })),
  );
  const parsed = parseTargetInput(hostText, portText);
  const done = checks.filter((c) => typeof progress[c.id] === 'object').length;
  const current = checks.find((c) => progress[c.id] === 'running');

  return (
    <section aria-labelledby="scan-title">
      <h1 id="scan-title" tabIndex={-1}>
        Checking {parsed.ok ? formatTarget(parsed.target) : 'the computer'}
      </h1>
      <div className="progress-line">
        <progress max={checks.length} value={done} aria-label="Checks done" />
        <span aria-live="polite">{current ? `Now: ${current.title}` : `${done} of ${checks.length} checks done`}</span>
      </div>
      {scanError && <ErrorBanner error={scanError} />}
      {tiers.map((tier) => {
        const inTier = checks.filter((c) => c.tier === tier);
        if (inTier.length === 0) return null;
        return (
          <div key={tier} className="card tier">
            <h2>{tierTitles[tier]}</h2>
            <ul className="check-list">
              {inTier.map((c) => {
                const p = progress[c.id];
                const status = p === undefined ? 'waiting' : p === 'running' ? 'running' : p.status;
                return (
                  <li key={c.id} data-check={c.id} data-status={status}>
                    <StatusIcon status={status} />
                    <div>
                      <div className="check-title">{c.title}</div>
                      <div className="check-summary">{typeof p === 'object' ? p.summary : c.plain}</div>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <div className="actions">
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
    </section>
  );
}
