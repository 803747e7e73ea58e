import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { hostKey, placeLine } from '../../../shared/server-place';
import type { ScanResult } from '../../../shared/results';
import { useWizard } from '../store';
import { ErrorBanner } from './ErrorBanner';
import { SavedFileNote } from './SavedFileNote';
import { scriptRunLine } from './script-run-line';
import { CommandBlock } from './CommandBlock';
import type { SavedFile } from '../../../shared/saved-file';

import { formatWhen as when } from '../format';

/** "Open the server's report…": a file the server's admin made with the check script's -Report. */
function OpenReport({ label }: { label: string }) {
  const open = useWizard((w) => w.openServerReport);
  return (
    <label className="button-like">
      {label}
      <input
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void open(file);
        }}
      />
    </label>
  );
}

/** The time of day as the reader writes it ("9:13 AM"): the scan was just now. */
const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

/**
 * The one strip at the top of the findings: where the server's checks ran (this computer, which is
 * the server; the server over remoting, and as whom; its own report), or that they did not.
 */
export function WhereChecksRan({ scan }: { scan: ScanResult }) {
  const user = useWizard((w) => w.remoteUser.trim());
  const connected = useConnectedTo(scan.target.host);
  const place = scan.server;
  // Connected after this scan: the checks on the page still ran without the session, and say so.
  if (place.kind === 'not-checked' && connected) {
    return (
      <p className="where-ran where-ran-connected" data-where-ran="connected-not-run">
        Server checks have not run on {scan.target.host} yet: this scan was before RDP Doctor connected to it (PowerShell remoting
        {user ? ` as ${user}` : ''}). Run the diagnosis again to check it there.
      </p>
    );
  }
  return (
    <p className={`where-ran where-ran-${place.kind}`} data-where-ran={place.kind}>
      {placeLine(
        place,
        { server: scan.target.host, thisComputer: scan.thisComputer },
        { scanned: scan.finishedAt, time: place.kind === 'report' ? when : timeOfDay },
        place.kind === 'remoting' ? user : undefined,
        scan.results,
      )}
    </p>
  );
}

/** Whether helpdesk's remoting session is open to this very server (by its name, as Windows compares names). */
export function useConnectedTo(server: string): boolean {
  return useWizard((w) => w.remoteStatus?.connected === true && hostKey(w.remoteStatus.host ?? '') === hostKey(server));
}

/**
 * Where the server's checks ran for this scan, said once, plainly. When they did not run (the
 * server is another computer, no remoting, no report), the three ways to run them.
 */
export function ServerChecks({ showMeHow = false }: { showMeHow?: boolean }) {
  const w = useWizard(
    useShallow((s) => ({
      scan: s.scan,
      audience: s.audience,
      reportError: s.reportError,
      scriptBusy: s.scriptBusy,
      scriptError: s.scriptError,
      saveFixScript: s.saveFixScript,
      setThisComputerIsServer: s.setThisComputerIsServer,
      startScan: s.startScan,
    })),
  );
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [howOpen, setHowOpen] = useState(false);
  const ids = useId();
  const connected = useConnectedTo(w.scan?.target.host ?? '');
  if (!w.scan) return null;
  const { server: place, target, thisComputer } = w.scan;
  const server = target.host;

  // Ran there: the strip at the top of the page says where; nothing more to do here. Connected
  // since: the strip and the remoting card say to run it again; the other ways would only compete.
  if (place.kind === 'this-computer' || place.kind === 'remoting' || (place.kind === 'not-checked' && connected)) return null;

  const makeCheckScript = async () => {
    setSaved(null);
    setSaved(await w.saveFixScript([]));
  };

  if (place.kind === 'report') {
    return (
      <section className="card server-checks" aria-labelledby={`${ids}-title`} data-server-place="report">
        <h2 id={`${ids}-title`}>{server}: from its own report</h2>
        <p>
          The checks of {server} come from the report {place.computer} made on {when(place.takenAt)}. Anything changed there since then is
          not in it. Fixes for {server} go into a fix script for its administrator.
        </p>
        <div className="actions">
          <OpenReport label="Open a newer report…" />
        </div>
        {w.reportError && <ErrorBanner error={w.reportError} />}
      </section>
    );
  }

  const scriptName = `rdp-doctor-check-${server}.ps1`;
  return (
    <section className="card server-checks" aria-labelledby={`${ids}-title`} data-server-place="not-checked">
      <h2 id={`${ids}-title`}>{server}: not checked from this computer</h2>
      {/* The lead above already says it when the problem is known to be on the server. */}
      {!showMeHow && (
        <p>
          {server} is another computer. Its own settings (Remote Desktop on or off, its firewall, its certificate) can only be read on{' '}
          {server}, so what you see above comes from this computer ({thisComputer}) and from how {server} answered over the network.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className={showMeHow ? 'primary' : undefined}
          aria-expanded={howOpen}
          aria-controls={`${ids}-how`}
          onClick={() => setHowOpen(!howOpen)}
        >
          Show me how
        </button>
      </div>
      {howOpen && (
        <ol className="ways" id={`${ids}-how`} data-show-me-how>
          <li>Go to {server} and open RDP Doctor there (install it if it is not there yet).</li>
          <li>
            Choose <strong>I am on the computer people can't connect to</strong> (under More options) and start the diagnosis. It then
            checks {server} itself, and its fixes run there, each with a backup.
          </li>
          <li>Or send the report of this check (Summary, Save report) to whoever runs {server}.</li>
        </ol>
      )}
      <p>
        Are you at {server} right now?{' '}
        <button
          type="button"
          onClick={() => {
            w.setThisComputerIsServer(true);
            void w.startScan();
          }}
        >
          I am on {server}: check it here
        </button>
      </p>
      <details className="expander" data-someone-else>
        <summary>Someone else manages {server}?</summary>
        <p>Send them a check script. It changes nothing: it reads {server}'s settings and writes a report file for you to open here.</p>
        <div className="actions">
          <button type="button" disabled={w.scriptBusy} onClick={() => void makeCheckScript()}>
            Make a check script for {server}
          </button>
          <OpenReport label="Open the server's report…" />
        </div>
        <p role="status" aria-live="polite" className="check-summary">
          {saved && <SavedFileNote saved={saved}>Send it to whoever manages {server}.</SavedFileNote>}
        </p>
        <p>
          On {server}, they copy {scriptName} into a folder and run this line there, in PowerShell opened as administrator:
        </p>
        <CommandBlock command={scriptRunLine(scriptName, '-Report')} label={`Command to run on ${server}`} />
        <p>It saves a report file in that folder and prints its name: open that file here with "Open the server's report…".</p>
        <p>
          {w.audience === 'helpdesk'
            ? `Helpdesk with an administrator account on ${server}: connect to it with PowerShell remoting below, then run the diagnosis again.`
            : `Helpdesk with an administrator account on ${server}: turn on "Show technical details" (top right) to connect to it with PowerShell remoting.`}
        </p>
      </details>
      {w.reportError && <ErrorBanner error={w.reportError} />}
      {w.scriptError && <ErrorBanner error={w.scriptError} />}
    </section>
  );
}
