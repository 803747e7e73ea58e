import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { readReportedError } from '../../../shared/reported-error-text';
import { useWizard } from '../store';

type Phase = 'idle' | 'starting' | 'asking' | 'different' | 'worked';

/**
 * "Try connecting now": starts Remote Desktop on the target, then asks whether it worked. "No,
 * still the same error" runs the diagnosis again, so the next cause comes up; "A different error
 * now" asks for the code and runs it again with that code noted (and sent with the scan).
 * `accent`: it is the page's one primary button only after a fix was made and checked, until the
 * user answers; when nothing changed, trying again is no news, and the finding's own next step
 * (its fix, "Show me how") keeps the accent (issue 23, item 2).
 */
export function TryConnect({ accent = false }: { accent?: boolean }) {
  const { scan, startScan, goTo, recordConnectTry, launchRemoteDesktop } = useWizard(
    useShallow((s) => ({
      scan: s.scan,
      startScan: s.startScan,
      goTo: s.goTo,
      recordConnectTry: s.recordConnectTry,
      launchRemoteDesktop: s.launchRemoteDesktop,
    })),
  );
  const [phase, setPhase] = useState<Phase>('idle');
  const [note, setNote] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const ids = useId();
  if (!scan) return null;

  const start = async () => {
    setPhase('starting');
    setNote('');
    const answer = await launchRemoteDesktop();
    // Off Windows, the user connects with their own client; the question stays the same.
    if (!answer.ok) setNote(answer.error.message);
    setPhase('asking');
  };

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    // The same reader as the first step: a code, decimal as the log writes it, or the pasted message.
    const read = readReportedError(code);
    if (!read.ok) {
      setCodeError(read.problem);
      return;
    }
    recordConnectTry({ answer: 'different-error', code: read.token });
    void startScan({ reportedError: read.token });
  };

  return (
    <div className="try-connect" data-try-connect={phase}>
      {phase === 'idle' || phase === 'starting' ? (
        <button type="button" className={accent ? 'primary' : undefined} onClick={() => void start()} disabled={phase === 'starting'}>
          Try connecting now
        </button>
      ) : phase === 'asking' || phase === 'different' ? (
        <fieldset className="field">
          <legend>Did Remote Desktop connect?</legend>
          {note && <p className="check-summary">{note}</p>}
          <div className="actions answers">
            <button
              type="button"
              className="primary"
              onClick={() => {
                recordConnectTry({ answer: 'worked' });
                setPhase('worked');
                goTo('summary');
              }}
            >
              Yes, it works
            </button>
            <button
              type="button"
              onClick={() => {
                recordConnectTry({ answer: 'same-error' });
                void startScan();
              }}
            >
              No, still the same error: look for the next cause
            </button>
            <button type="button" aria-expanded={phase === 'different'} onClick={() => setPhase('different')}>
              A different error now
            </button>
          </div>
          {phase === 'different' && (
            <form className="different-error" onSubmit={submitCode} noValidate>
              <label htmlFor={`${ids}-code`}>The error code Remote Desktop shows now, or its whole message</label>
              <div className="start-row">
                <input
                  id={`${ids}-code`}
                  type="text"
                  autoFocus
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="e.g. 0x204"
                  value={code}
                  onChange={(e) => {
                    setCode(e.target.value);
                    setCodeError('');
                  }}
                  aria-invalid={codeError ? true : undefined}
                  aria-describedby={codeError ? `${ids}-code-error` : undefined}
                />
                <button type="submit">Look for the cause of this error</button>
              </div>
              {codeError && (
                <p id={`${ids}-code-error`} className="field-error" role="alert">
                  {codeError}
                </p>
              )}
            </form>
          )}
        </fieldset>
      ) : null}
    </div>
  );
}
