import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { getCheck } from '../../../shared/catalog/checks';
import { formatTarget } from '../../../shared/target';
import type { Finding } from '../../../shared/results';
import { useWizard } from '../store';
import { CheckResults } from '../components/CheckResults';
import { RemoteComputer } from '../components/RemoteComputer';
import { TryConnect } from '../components/TryConnect';
import { ServerChecks, WhereChecksRan } from '../components/ServerChecks';
import { TechnicalDetails } from '../components/TechnicalDetails';
import { NextSteps } from '../components/NextSteps';
import type { FixId } from '../../../shared/catalog/fixes';
import { inferNetworkType } from '../../../shared/diagnosis/infer-network-type';
import { networkTypeLabels } from '../../../shared/network-type';
import { scanVerdict, uncheckedReasons, type ScanVerdict } from '../../../shared/diagnosis/verdict';
import type { ScanResult } from '../../../shared/results';
import { serverElsewhere } from './server-elsewhere';
import { plainTextProblems } from '../../../shared/catalog/wording';
import { readableTimes } from '../format';

/** Evidence a home user reads as it is; protocol facts ("selected HYBRID", "TLSv1.2 no") go under Technical details. */
const plainEvidence = (e: Finding['evidence'][number]) => plainTextProblems(`${e.label} ${e.value}`).length === 0;

const likelihoodLabel: Record<Finding['likelihood'], string> = {
  certain: 'Found the cause',
  likely: 'Likely cause',
  possible: 'Possible cause',
};

const badgeText = (f: Finding, first: boolean) =>
  f.contradicted
    ? 'Not the cause now'
    : f.kind === 'symptom'
      ? 'What the connection showed'
      : first && f.likelihood !== 'certain'
        ? // Under "No certain cause yet" the first card is advice, not a verdict.
          'Worth trying first'
        : likelihoodLabel[f.likelihood];

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
  // The server by its one name: this computer's own when it is the server, else as typed.
  const target = scan.server.kind === 'this-computer' ? `this computer (${scan.thisComputer})` : formatTarget(scan.target);
  const took = `${Math.max(1, Math.round((Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) / 1000))} s`;
  switch (v.kind) {
    case 'cause-found':
      return `Most likely first. ${scan.server.kind === 'this-computer' ? `This computer (${scan.thisComputer})` : target} was checked in ${took}.`;
    case 'possible-causes':
      return `Nothing checked so far explains the error for certain. These are worth a look, most likely first.`;
    case 'no-problem':
      return `Every check on ${target} passed. Try connecting now; if it still fails, the next steps below are worth a look.`;
    case 'incomplete':
      return `Nothing that was checked explains the error, but ${v.unchecked} of the ${v.of} checks could not run:`;
  }
}
/**
 * The network and the handshake passed, and not one Windows setting could be read here (every
 * check on this computer and the server could not run, for one reason: RDP Doctor on a computer
 * that is not running Windows). Then what is known leads, and the count of what is not goes below.
 */
function windowsUnreadable(scan: ScanResult, verdict: ScanVerdict): { secured: boolean; unchecked: number; of: number } | null {
  if (verdict.kind !== 'incomplete') return null;
  const inTier = (tier: string) => scan.results.filter((r) => getCheck(r.checkId).tier === tier);
  const windows = [...inTier('client'), ...inTier('server')];
  if (!inTier('network').every((r) => r.status === 'pass') || windows.length === 0) return null;
  if (!windows.every((r) => r.status === 'unavailable')) return null;
  return { secured: inTier('handshake').every((r) => r.status === 'pass'), unchecked: verdict.unchecked, of: verdict.of };
}

/** Fixes that weaken security are tests, not fixes: offered under "Other things to try", never as the main button. */
const weakens = (id: FixId) => getFix(id).risk.includes('changes-security');

export function FindingsStep() {
  const { scan, audience, openFix, goTo, startOver, reportedError, networkType, networkTypeChosen, setNetworkType, startScan } = useWizard(
    useShallow((s) => ({
      scan: s.scan,
      audience: s.audience,
      openFix: s.openFix,
      goTo: s.goTo,
      startOver: s.startOver,
      reportedError: s.reportedError,
      networkType: s.networkType,
      networkTypeChosen: s.networkTypeChosen,
      setNetworkType: s.setNetworkType,
      startScan: s.startScan,
    })),
  );
  if (!scan) return <p>No scan yet.</p>;
  const showTechnical = audience === 'helpdesk';
  const unavailable = scan.results.filter((r) => r.status === 'unavailable');
  const verdict = scanVerdict(scan.results, scan.findings);
  const reasons = uncheckedReasons(scan.results, scan.target.host);
  // One primary button per view: the first fix of the most likely cause the evidence does not contradict.
  const primary = scan.findings.flatMap((f) =>
    f.contradicted ? [] : f.fixIds.filter((id) => !weakens(id)).map((id) => `${f.id}:${id}`),
  )[0];
  const inferred = networkTypeChosen ? null : inferNetworkType(scan.results);
  const elsewhere = serverElsewhere(scan, verdict);
  const noWindows = elsewhere ? null : windowsUnreadable(scan, verdict);
  const tests = [...new Set(scan.findings.flatMap((f) => (f.contradicted ? [] : f.fixIds.filter(weakens))))];

  return (
    <section aria-labelledby="findings-title">
      <h1 id="findings-title" tabIndex={-1} data-verdict={verdict.kind}>
        {elsewhere
          ? `The problem is on ${scan.target.host}`
          : noWindows
            ? `${scan.target.host} answers as Remote Desktop`
            : heading(verdict)}
      </h1>
      {noWindows ? (
        <>
          <p className="lead" data-lead="windows-unreadable">
            The network is fine: {scan.target.host} answered as Remote Desktop
            {noWindows.secured ? ' and the secure connection began as it should' : ''}. What decides the rest are Windows settings, and none
            of them could be read from this computer.
          </p>
          <p data-what-to-do>
            <strong>What to do:</strong> open RDP Doctor on the Windows computer you connect from, or on the server itself.
          </p>
        </>
      ) : elsewhere ? (
        <p className="lead" data-lead="server-elsewhere">
          This computer ({scan.thisComputer}) and the network are fine: {scan.target.host} answered on the Remote Desktop port
          {elsewhere.secured ? ' and began a secure connection' : ''}. What is left to check are {elsewhere.unchecked} of {scan.target.host}
          's own settings, and they can only be read on {scan.target.host}.
        </p>
      ) : (
        <p className="lead">{lead(verdict, scan)}</p>
      )}
      <WhereChecksRan scan={scan} />
      {reportedError && (
        <p className="banner banner-info" data-reported-error={reportedError}>
          You said Remote Desktop now shows error {reportedError}. The checks ran again; what they found is below, and the code is in the
          report.
        </p>
      )}
      {inferred && inferred.type !== networkType && (
        <div className="banner banner-info inferred" data-inferred-network={inferred.type}>
          <p>
            The advice assumed <strong>{networkTypeLabels[networkType].title}</strong>, but {inferred.because}: you probably connect over{' '}
            <strong>{networkTypeLabels[inferred.type].title}</strong>.
          </p>
          <button
            type="button"
            onClick={() => {
              setNetworkType(inferred.type);
              void startScan();
            }}
          >
            Use {networkTypeLabels[inferred.type].title} and check again
          </button>
        </div>
      )}
      {noWindows && (
        <p className="unchecked-count">
          Could not check {noWindows.unchecked} of {noWindows.of}:
        </p>
      )}
      {verdict.kind === 'incomplete' && !elsewhere && (
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
        {scan.findings.map((f, i) => {
          const fixes = f.contradicted ? f.fixIds : f.fixIds.filter((id) => !weakens(id));
          // With technical details off, the exact protocol facts move under "Technical details".
          const evidence = f.evidence.map((e) => ({ ...e, value: readableTimes(e.value) }));
          const shown = showTechnical ? evidence : evidence.filter(plainEvidence);
          const technicalEvidence = showTechnical ? [] : evidence.filter((e) => !plainEvidence(e));
          return (
            <li
              key={f.id}
              className={`card finding likelihood-${f.likelihood}`}
              data-finding={f.id}
              data-contradicted={f.contradicted ? 'true' : undefined}
            >
              <div className="finding-head">
                <span className={`badge badge-${f.contradicted ? 'contradicted' : f.kind === 'symptom' ? 'symptom' : f.likelihood}`}>
                  {badgeText(f, i === 0)}
                </span>
                <h2>{f.title}</h2>
              </div>
              {f.computer && (
                <p className="meta" data-finding-computer>
                  {f.computer === scan.thisComputer ? `On this computer (${f.computer})` : `On ${f.computer}`}
                </p>
              )}
              <p>{f.plain}</p>
              <details open={showTechnical}>
                <summary>Evidence</summary>
                {f.rankReason && (
                  <p className="rank-reason" data-rank-reason>
                    {f.rankReason}
                  </p>
                )}
                <dl className="evidence">
                  {shown.map((e) => (
                    <div key={e.checkId + e.label + e.value}>
                      <dt>{e.label}</dt>
                      <dd>{e.value}</dd>
                    </div>
                  ))}
                </dl>
              </details>
              <TechnicalDetails technical={f.technical} learnMore={f.learnMore} open={showTechnical}>
                {technicalEvidence.length > 0 && (
                  <dl className="evidence" data-technical-evidence>
                    {technicalEvidence.map((e) => (
                      <div key={e.checkId + e.label + e.value}>
                        <dt>{e.label}</dt>
                        <dd>{e.value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </TechnicalDetails>
              {fixes.length > 0 && (
                <div className="actions">
                  {fixes.map((id) => (
                    <button
                      key={id}
                      type="button"
                      className={`${f.id}:${id}` === primary ? 'primary' : undefined}
                      onClick={() => void openFix(id)}
                    >
                      {getFix(id).title}…
                    </button>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {tests.length > 0 && (
        <section className="card other-things" aria-labelledby="other-things-title">
          <h2 id="other-things-title">Other things to try</h2>
          <ul className="plain-list">
            {tests.map((id) => (
              <li key={id} data-test-fix={id}>
                <p>
                  <span className="badge badge-danger">Weakens security</span> {getFix(id).plain.split('. ')[0]}.
                </p>
                <button type="button" onClick={() => void openFix(id)}>
                  {getFix(id).title}…
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* Nothing to fix here (no finding, or every one contradicted by the evidence): trying is offered. */}
      {/* Nothing changed and the cause is on the server: trying again would only fail again. */}
      {/* The accent only when every check passed: then trying is what the lead says to do next. */}
      {!primary && !elsewhere && <TryConnect accent={verdict.kind === 'no-problem'} />}
      {verdict.kind === 'no-problem' && <NextSteps />}
      <ServerChecks showMeHow={!!elsewhere} />
      <RemoteComputer />
      <details className="card" open={showTechnical}>
        <summary>All checks ({scan.results.length})</summary>
        <CheckResults results={scan.results} helpdesk={showTechnical} grouped target={scan.target} />
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
