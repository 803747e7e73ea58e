import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { call, errorInfo } from '../api';
import { useWizard } from '../store';

type Phase = 'idle' | 'starting' | 'asking' | 'worked';

/**
 * "Try connecting now": starts Remote Desktop on the target, then asks whether it worked. If not,
 * the diagnosis runs again, so the next cause comes up.
 */
export function TryConnect() {
  const { scan, startScan, goTo } = useWizard(useShallow((s) => ({ scan: s.scan, startScan: s.startScan, goTo: s.goTo })));
  const [phase, setPhase] = useState<Phase>('idle');
  const [note, setNote] = useState('');
  if (!scan) return null;

  const start = async () => {
    setPhase('starting');
    setNote('');
    try {
      await call('launchRemoteDesktop', { target: scan.target });
    } catch (err) {
      // Off Windows, the user connects with their own client; the question stays the same.
      setNote(errorInfo(err).message);
    }
    setPhase('asking');
  };

  return (
    <div className="try-connect" data-try-connect={phase}>
      {phase === 'idle' || phase === 'starting' ? (
        <button type="button" className="primary" onClick={() => void start()} disabled={phase === 'starting'}>
          Try connecting now
        </button>
      ) : phase === 'asking' ? (
        <fieldset className="field">
          <legend>Did Remote Desktop connect?</legend>
          {note && <p className="check-summary">{note}</p>}
          <div className="actions">
            <button type="button" onClick={() => void startScan()}>
              No, still the same error: look for the next cause
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setPhase('worked');
                goTo('summary');
              }}
            >
              Yes, it works
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
