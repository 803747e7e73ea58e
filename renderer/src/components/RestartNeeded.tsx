import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWizard } from '../store';
import { CommandBlock } from './CommandBlock';

/** What restart-computer.ps1 runs, for helpdesk to read (and to run by hand where the app cannot). */
const RESTART_COMMAND = 'shutdown.exe /r /t 60 /d p:2:4';

/**
 * "Restart needed" with "Restart now / Later": a change that takes effect only at startup. Restart
 * now asks once more (everyone using the computer is disconnected), then schedules Windows' own
 * one-minute restart on the computer the change was made on.
 */
export function RestartNeeded({ journalId, computer, inUse }: { journalId: string | null | undefined; computer: string; inUse: boolean }) {
  const { decision, busy, helpdesk, restartComputer, cancelRestart, restartLater } = useWizard(
    useShallow((s) => ({
      decision: journalId ? s.restarts[journalId] : undefined,
      busy: s.fixBusy,
      helpdesk: s.audience === 'helpdesk',
      restartComputer: s.restartComputer,
      cancelRestart: s.cancelRestart,
      restartLater: s.restartLater,
    })),
  );
  const [confirming, setConfirming] = useState(false);
  // Each new state's first line takes the focus: keyboard and screen-reader users hear what happened.
  const said = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (decision && decision !== 'later') said.current?.focus();
  }, [decision]);

  if (journalId && typeof decision === 'object') {
    return (
      <div className="restart-needed" data-restart="scheduled">
        <p ref={said} tabIndex={-1} data-restart-news>
          <strong>
            {decision.computer} restarts in {decision.inSeconds === 60 ? 'one minute' : `${decision.inSeconds} seconds`}.
          </strong>{' '}
          Everyone using it sees Windows' notice now. Once it is back (usually a few minutes), try connecting again.
        </p>
        {inUse && (
          <p className="risk-note" data-in-use>
            This is the computer you are using: save your work now. RDP Doctor closes with it; open it again afterwards to try connecting.
          </p>
        )}
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void cancelRestart(journalId)}>
            Cancel restart
          </button>
        </div>
        {helpdesk && (
          <CommandBlock command={decision.cancelCommand} label={`The same by hand: run on ${decision.computer} within the minute`} />
        )}
      </div>
    );
  }

  return (
    <div className="restart-needed" data-restart={decision ?? 'undecided'}>
      {decision === 'cancelled' || decision === 'none-pending' ? (
        <p ref={said} tabIndex={-1} data-restart-called-off>
          <strong>
            {decision === 'cancelled'
              ? `Restart cancelled: ${computer} will not restart now.`
              : `There was no restart to cancel on ${computer}: it may be restarting already, or someone cancelled it.`}
          </strong>{' '}
          The change takes effect when {computer} next restarts; until then Remote Desktop still fails the same way.
        </p>
      ) : (
        <p>
          <strong>The change is made, but {computer} uses it only after it restarts.</strong> Until then, Remote Desktop still fails the
          same way. Restarting disconnects everyone using {computer}.
        </p>
      )}
      {decision === 'later' && <p>Restart {computer} when nobody is working on it (Start, Power, Restart), then try connecting again.</p>}
      {helpdesk && <CommandBlock command={RESTART_COMMAND} label="Command that restarts it (in one minute)" />}
      {!journalId ? null : confirming ? (
        <div className="confirm" role="group" aria-label={`Restart ${computer}?`}>
          <p>Restart {computer} in one minute? Everyone using it is disconnected, and work they have not saved is lost.</p>
          {inUse && (
            <p className="risk-note" data-in-use>
              {computer} is the computer you are using now: save your work first. RDP Doctor closes when it restarts; open it again
              afterwards to try connecting.
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              Not now
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={async () => {
                await restartComputer(journalId);
                setConfirming(false);
              }}
            >
              Yes, restart {computer}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {decision === undefined && (
            <button type="button" onClick={() => restartLater(journalId)}>
              Later
            </button>
          )}
          {/* Once decided (later, or called off), restarting is still there, but no longer the accent. */}
          <button type="button" className={decision === undefined ? 'primary' : undefined} onClick={() => setConfirming(true)}>
            Restart {computer} now
          </button>
        </div>
      )}
    </div>
  );
}
