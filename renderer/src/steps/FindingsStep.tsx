import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { formatTarget } from '../../../shared/target';
import type { Finding } from '../../../shared/results';
import { useWizard } from '../store';
import { CheckResults } from '../components/CheckResults';
import { RemoteComputer } from '../components/RemoteComputer';
import { TryConnect } from '../components/TryConnect';
import { ServerChecks } from '../components/ServerChecks';
import { scanVerdict, uncheckedReasons, type ScanVerdict } from '../../../shared/diagnosis/verdict';
import type { ScanResult } from '../../../shared/results';

const likelihoodLabel: Record<Finding['likelihood'], string> = {
  certain: 'Found the cause',
  likely: 'Likely cause',
  possible: 'Possible cause',
};

const badgeText = (f: Finding, first: boolean) =>
  f.contradicted ? 'Not the cause now' : first ? `${likelihoodLabel[f.likelihood]} · most likely` : likelihoodLabel[f.likelihood];

function heading(v: ScanVerdict): string {
  switch (v.kind) {
    case 'cause-found':
      return 'What we found';
    case 'possible-causes':
      return 'No certain cause yet';
    case 'no-problem':
      return 'No problem found';
    case 'incomplete':
      return `Could not check ${v.unchecked} of ${v.of}`;
  }
}

function lead(v: ScanVerdict, scan: ScanResult): string {
  const target = formatTarget(scan.target);
  const took = `${Math.max(1, Math.round((Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) / 1000))} s`;
  switch (v.kind) {
    case 'cause-found':
      return `Most likely first. ${target} was checked in ${took}.`;
    case 'possible-causes':
      return `Nothing checked so far explains the error for certain. These are worth a look, most likely first.`;
    case 'no-problem':
      return `Every check on ${target} passed. If the connection still fails, try again and note the exact error.`;
    case 'incomplete':
      return `Nothing that was checked explains the error, but ${v.unchecked} of the ${v.of} checks could not run:`;
  }
}
export function FindingsStep() {
  const { scan, audience, openFix, goTo, startOver } = useWizard(
    useShallow((s) => ({ scan: s.scan, audience: s.audience, openFix: s.openFix, goTo: s.goTo, startOver: s.startOver })),
  );
  if (!scan) return <p>No scan yet.</p>;
  const unavailable = scan.results.filter((r) => r.status === 'unavailable');
  const verdict = scanVerdict(scan.results, scan.findings);
  const reasons = uncheckedReasons(scan.results, scan.target.host);

  return (
    <section aria-labelledby="findings-title">
      <h1 id="findings-title" tabIndex={-1} data-verdict={verdict.kind}>
        {heading(verdict)}
      </h1>
      <p className="lead">{lead(verdict, scan)}</p>
      {verdict.kind === 'incomplete' && (
        <ul className="unchecked-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {unavailable.length > 0 && verdict.kind !== 'incomplete' && (
        <div className="banner banner-info" role="note">
          <strong>Some checks could not run here.</strong>
          <p>{unavailable[0]?.summary}</p>
        </div>
      )}
      <ol className="findings">
        {scan.findings.map((f, i) => (
          <li key={f.id} className={`card finding likelihood-${f.likelihood}`} data-finding={f.id} data-contradicted={f.contradicted ? 'true' : undefined}>
            <div className="finding-head">
              <span className={`badge badge-${f.likelihood}`}>{badgeText(f, i === 0)}</span>
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
                  <button key={id} type="button" className={f.contradicted ? undefined : 'primary'} onClick={() => void openFix(id)}>
                    {getFix(id).title}…
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      {scan.findings.length === 0 && <TryConnect />}
      <ServerChecks />
      <RemoteComputer />
      <details className="card" open={audience === 'helpdesk'}>
        <summary>All checks ({scan.results.length})</summary>
        <CheckResults results={scan.results} helpdesk={audience === 'helpdesk'} grouped />
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
