import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { parseTargetInput } from '../../../shared/target';
import { DEFAULT_NETWORK_TYPE, networkTypeLabels, networkTypes } from '../../../shared/network-type';
import { decodeRdpFile, parseRdpFile, rdpFileSizeProblem } from '../../../shared/rdp-file';
import type { ReportedErrorExplanation } from '../../../shared/diagnosis/reported-error-codes';

type ErrorCodes = typeof import('../../../shared/diagnosis/reported-error-codes');
/** Microsoft's code tables and the reader of pasted text: loaded when an error is first given, not at start (the 200 KB budget, bench/bundle-size.mjs). */
const loadErrorCodes = (): Promise<ErrorCodes> => import('../../../shared/diagnosis/reported-error-codes');
import { useWizard } from '../store';

export function TargetStep() {
  const {
    hostText,
    portText,
    networkType,
    attempted,
    setHostText,
    setPortText,
    setNetworkType,
    startScan,
    thisComputerIsServer,
    setThisComputerIsServer,
    errorText,
    setErrorText,
    readLastAttempt,
    submitTarget,
  } = useWizard(
    useShallow((s) => ({
      hostText: s.hostText,
      portText: s.portText,
      networkType: s.networkType,
      attempted: s.attempted,
      setHostText: s.setHostText,
      setPortText: s.setPortText,
      setNetworkType: s.setNetworkType,
      startScan: s.startScan,
      thisComputerIsServer: s.thisComputerIsServer,
      setThisComputerIsServer: s.setThisComputerIsServer,
      errorText: s.errorText,
      setErrorText: s.setErrorText,
      readLastAttempt: s.readLastAttempt,
      submitTarget: s.submitTarget,
    })),
  );
  const [fileNote, setFileNote] = useState('');
  const [lastNote, setLastNote] = useState('');
  const [reading, setReading] = useState(false);
  const [codes, setCodes] = useState<ErrorCodes | null>(null);
  const wantsCodes = errorText.trim() !== '' && codes === null;
  useEffect(() => {
    if (wantsCodes) void loadErrorCodes().then(setCodes);
  }, [wantsCodes]);
  // Open from the start when something in it is set already (a port, an answer, a network type).
  const [moreOpen, setMoreOpen] = useState(() => portText !== '' || thisComputerIsServer || networkType !== DEFAULT_NETWORK_TYPE);
  const recentTargets = useWizard((s) => s.recentTargets);
  // A change from an earlier session waiting for a decision holds the one primary button until decided.
  const decisionPending = useWizard(
    (s) =>
      (s.pending?.interrupted.length ?? 0) > 0 ||
      (s.pending?.awaitingRevert ?? []).some((e) => !s.outcomes.some((o) => o.journalId === e.id)),
  );
  const loadRecentTargets = useWizard((s) => s.loadRecentTargets);
  useEffect(() => {
    void loadRecentTargets();
  }, [loadRecentTargets]);
  const parsed = parseTargetInput(hostText, portText);
  const openRdpFile = async (file: File | undefined) => {
    if (!file) return;
    const tooLarge = rdpFileSizeProblem(file.name, file.size);
    if (tooLarge) {
      setFileNote(tooLarge);
      return;
    }
    const settings = parseRdpFile(decodeRdpFile(new Uint8Array(await file.arrayBuffer())));
    if (!settings.host) {
      setFileNote(`${file.name} has no computer address in it.`);
      return;
    }
    setMoreOpen(true);
    setHostText(settings.host);
    setPortText(settings.port ? String(settings.port) : '');
    setFileNote(
      `Loaded ${file.name}.` +
        (settings.gateway
          ? ` It connects through the Remote Desktop Gateway ${settings.gateway.host}; its problems look different from 0x904.`
          : ''),
    );
  };
  const errors = attempted && !parsed.ok ? parsed.errors : {};
  // Empty means the error this app is named after; anything else must read as a code or a known dialog.
  const reported = errorText.trim() && codes ? codes.readReportedError(errorText) : null;
  const explained = reported?.ok && codes ? codes.explainReportedError(reported.token) : null;
  const errorProblem = reported && !reported.ok && (attempted || errorText.length > 40) ? reported.problem : null;
  const readLast = async () => {
    setReading(true);
    const answer = await readLastAttempt();
    setReading(false);
    if (!answer.ok) {
      setLastNote(`Could not read this computer's Remote Desktop log: ${answer.error.message}`);
      return;
    }
    const { last, logEnabled } = answer.value;
    if (!last) {
      setLastNote(
        logEnabled ? "This computer's Remote Desktop log has no attempt to read." : "This computer's Remote Desktop log is turned off.",
      );
      return;
    }
    setErrorText(last.error);
    if (last.server && !hostText.trim()) setHostText(last.server);
    setLastNote(
      `Your last attempt${last.server ? ` (to ${last.server})` : ''} ended with ${last.error} at ${new Date(last.time).toLocaleString()}. Its log does not keep the extended code.`,
    );
  };

  const portError = errors.port;
  return (
    <section aria-labelledby="target-title">
      <h1 id="target-title" tabIndex={-1}>
        Which computer can't you connect to?
      </h1>
      <p className="lead">
        Type the name or address you use in Remote Desktop. RDP Doctor finds out why you see{' '}
        <em>"Error code: 0x904. Extended error code: 0x7"</em>, or the error you give below, and how to fix it.
      </p>
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (portError) setMoreOpen(true);
          // Bad input changes nothing: the scan starts only with an error it can read (or none).
          const submit = async () => {
            const read = errorText.trim() ? (codes ?? (await loadErrorCodes())).readReportedError(errorText) : null;
            if (read && !read.ok) {
              submitTarget();
              return;
            }
            await startScan(read?.ok ? { reportedError: read.token } : undefined);
          };
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="host">Computer name or IP address</label>
          <datalist id="recent-targets">
            {recentTargets.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <div className="start-row">
            <input
              id="host"
              list="recent-targets"
              name="host"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. office-pc.example.com or 192.168.1.20"
              value={hostText}
              onChange={(e) => setHostText(e.target.value)}
              aria-invalid={errors.host ? true : undefined}
              aria-describedby={errors.host ? 'host-error' : undefined}
            />
            <button type="submit" className={decisionPending ? undefined : 'primary'}>
              Start diagnosis
            </button>
          </div>
          {errors.host && (
            <p id="host-error" className="field-error" role="alert">
              {errors.host}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="error-code">The error Remote Desktop showed (optional)</label>
          <p id="error-code-hint" className="field-hint">
            Type its code, for example 0x204, or paste the whole message. Left empty: 0x904 with extended code 0x7.
          </p>
          <div className="start-row">
            <textarea
              id="error-code"
              name="error-code"
              rows={2}
              spellCheck={false}
              autoComplete="off"
              placeholder="e.g. 0x204, or Error code: 0x904 Extended error code: 0x7"
              value={errorText}
              onChange={(e) => setErrorText(e.target.value)}
              aria-invalid={errorProblem ? true : undefined}
              aria-describedby={errorProblem ? 'error-code-hint error-code-error' : 'error-code-hint error-meaning'}
            />
            <button type="button" onClick={() => void readLast()} disabled={reading}>
              {reading ? 'Reading…' : 'Read my last attempt'}
            </button>
          </div>
          <p role="status" aria-live="polite" className="check-summary" data-last-attempt>
            {lastNote}
          </p>
          {errorProblem && (
            <p id="error-code-error" className="field-error" role="alert">
              {errorProblem}
            </p>
          )}
          {explained && codes && (
            <ErrorMeaning id="error-meaning" explained={explained} coverage={codes.coverageSentence[explained.coverage]} />
          )}
        </div>
        <details className="more-options" open={moreOpen || !!portError} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
          <summary>More options</summary>
          <div className="more-options-body">
            <div className="field port">
              <label htmlFor="port">Port (optional)</label>
              <input
                id="port"
                name="port"
                inputMode="numeric"
                autoComplete="off"
                placeholder="3389"
                value={portText}
                onChange={(e) => setPortText(e.target.value)}
                aria-invalid={portError ? true : undefined}
                aria-describedby={portError ? 'port-error' : undefined}
              />
              {portError && (
                <p id="port-error" className="field-error" role="alert">
                  {portError}
                </p>
              )}
            </div>
            <div className="file-row">
              <label className="button-like">
                Open a .rdp file…
                <input type="file" accept=".rdp" className="visually-hidden" onChange={(e) => void openRdpFile(e.target.files?.[0])} />
              </label>
              <span role="status" aria-live="polite" className="check-summary">
                {fileNote}
              </span>
            </div>
            <label className="choice">
              <input type="checkbox" checked={thisComputerIsServer} onChange={(e) => setThisComputerIsServer(e.target.checked)} />
              <span>
                <strong>I am on the computer people can't connect to</strong>
                <small>RDP Doctor then checks this computer's Remote Desktop settings as the server's.</small>
              </span>
            </label>
            <fieldset className="field" aria-describedby="network-type-hint">
              <legend>How do you reach that computer?</legend>
              <p id="network-type-hint" className="field-hint">
                This decides which advice comes first.
              </p>
              <div className="choice-grid">
                {networkTypes.map((t) => (
                  <label key={t} className="choice">
                    <input type="radio" name="networkType" value={t} checked={networkType === t} onChange={() => setNetworkType(t)} />
                    <span>
                      <strong>{networkTypeLabels[t].title}</strong>
                      <small>{networkTypeLabels[t].hint}</small>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </details>
      </form>
    </section>
  );
}

/** What the code means, in one plain sentence, and what RDP Doctor can do about it. */
function ErrorMeaning({ id, explained, coverage }: { id: string; explained: ReportedErrorExplanation; coverage: string }) {
  return (
    <div
      id={id}
      className={`banner ${explained.coverage === 'none' || explained.coverage === 'unknown' || explained.coverage === 'not-an-error' ? 'banner-warning' : 'banner-info'}`}
      data-error-meaning={explained.coverage}
    >
      <p>{explained.plain}</p>
      {coverage && <p>{coverage}</p>}
    </div>
  );
}
