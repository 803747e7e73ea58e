import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { formatTarget } from '../../../shared/target';
import type { Finding } from '../../../shared/results';
import { useWizard } from '../store';
import { CheckResults } from '../components/CheckResults';
import { RemoteComputer } from '../components/RemoteComputer';
import { TryConnect } from '../components/TryConnect';

const likelihoodLabel: Record<Finding['likelihood'], string> = {
  certain: 'Found the cause',
  likely: 'Likely cause',
  possible: 'Possible cause',
};

export function FindingsStep() {
  const { scan, audience, openFix, goTo, startOver } = useWizard(
    useShallow((s) => ({ scan: s.scan, audience: s.audience, openFix: s.openFix, goTo: s.goTo, startOver: s.startOver })),
  );
  if (!scan) return <p>No scan yet.</p>;
  const unavailable = scan.results.filter((r) => r.status === 'unavailable');

  return (
    <section aria-labelledby="findings-title">
      <h1 id="findings-title" tabIndex={-1}>
        {scan.findings.length ? 'What we found' : 'No problem found'}
      </h1>
      <p className="lead">
        {scan.findings.length
          ? `Most likely first. ${formatTarget(scan.target)} was checked in ${Math.max(1, Math.round((Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) / 1000))} s.`
          : `Every check on ${formatTarget(scan.target)} passed. If the connection still fails, try again and note the exact error.`}
      </p>
      {unavailable.length > 0 && (
        <div className="banner banner-info" role="note">
          <strong>Some checks could not run here.</strong>
          <p>{unavailable[0]?.summary}</p>
        </div>
      )}
      <ol className="findings">
        {scan.findings.map((f, i) => (
          <li key={f.id} className={`card finding likelihood-${f.likelihood}`} data-finding={f.id}>
            <div className="finding-head">
              <span className={`badge badge-${f.likelihood}`}>{i === 0 ? `${likelihoodLabel[f.likelihood]} · most likely` : likelihoodLabel[f.likelihood]}</span>
              <h2>{f.title}</h2>
            </div>
            <p>{f.plain}</p>
            <details open={audience === 'helpdesk'}>
              <summary>Evidence</summary>
              <dl className="evidence">
                {f.evidence.map((e) => (
                  <div key={e.checkId + e.label}>
                    <dt>{e.label}</dt>
                    <dd>{e.value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            {f.fixIds.length > 0 && (
              <div className="actions">
                {f.fixIds.map((id) => (
                  <button key={id} type="button" className="primary" onClick={() => void openFix(id)}>
                    {getFix(id).title}…
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      {scan.findings.length === 0 && <TryConnect />}
      <RemoteComputer />
      <details className="card" open={audience === 'helpdesk'}>
        <summary>All checks ({scan.results.length})</summary>
        <CheckResults results={scan.results} helpdesk={audience === 'helpdesk'} />
      </details>
      <div className="actions">
        <button type="button" onClick={startOver}>
          Check another computer
        </button>
        <button type="button" onClick={() => goTo('summary')}>
          Summary
        </button>
      </div>
    </section>
  );
}
