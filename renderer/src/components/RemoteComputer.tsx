import { useEffect, useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getFix, type FixId } from '../../../shared/catalog/fixes';
import { conflictsOf } from '../../../shared/catalog/fix-conflicts';
import { WORDS } from '../../../shared/catalog/words';
import { serverFixIds } from '../../../shared/remote';
import { hostKey } from '../../../shared/server-place';
import { useWizard } from '../store';
import { CommandBlock } from './CommandBlock';
import { ErrorBanner } from './ErrorBanner';
import { SavedFileNote } from './SavedFileNote';
import { FixScriptRunLines } from './FixScriptRunLines';
import type { SavedFile } from '../../../shared/saved-file';
import { REVERT_CHOICES, type RevertAfter } from '../../../shared/catalog/script-def';
import { RevertChoice } from './RevertChoice';

/** Connect to the server with PowerShell remoting (helpdesk): status, errors, disconnect. */
function RemotingForm({ targetHost }: { targetHost: string }) {
  const s = useWizard(
    useShallow((w) => ({
      remoteHost: w.remoteHost,
      remoteUser: w.remoteUser,
      status: w.remoteStatus,
      outcome: w.remoteOutcome,
      busy: w.remoteBusy,
      error: w.remoteError,
      setRemoteHost: w.setRemoteHost,
      setRemoteUser: w.setRemoteUser,
      connectRemote: w.connectRemote,
      disconnectRemote: w.disconnectRemote,
      startScan: w.startScan,
      place: w.scan?.server.kind,
    })),
  );
  // The password lives in this form only, and only until it is sent.
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const ids = useId();
  const host = s.remoteHost || targetHost;
  const missingUser = tried && !s.remoteUser.trim();
  const missingPassword = tried && !password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!s.remoteUser.trim() || !password || !host.trim()) return;
    const sent = password;
    setPassword('');
    setTried(false);
    await s.connectRemote(sent);
  };

  const connected = s.status?.connected === true;
  // The checks on the page already ran over this session: no "run the diagnosis again".
  const ranThere = connected && s.place === 'remoting' && hostKey(s.status!.host ?? '') === hostKey(targetHost);
  return (
    <div className="remote-part">
      <h3 id={`${ids}-title`}>Check and fix {targetHost} over PowerShell remoting</h3>
      {connected ? (
        <div className="banner banner-done" role="status" data-remote="connected">
          <strong>
            Connected to {s.status!.host}
            {s.remoteUser.trim() ? ` as ${s.remoteUser.trim()}` : ''}
          </strong>
          {/* Said here in the page's words and names (main's message carries its own spelling of the computer). */}
          <p>
            PowerShell remoting over {s.status!.transport === 'https' ? 'HTTPS, port 5986' : 'HTTP, port 5985'}.{' '}
            {ranThere
              ? `The server checks on this page ran there, and ${targetHost}'s fixes run there too.`
              : `The checks on this page ran before: run the diagnosis again to check ${targetHost} there; its fixes then run there too.`}
            {/* Its own name only where it is not the name typed: a different computer than expected is worth a look. */}
            {s.status!.computerName && hostKey(s.status!.computerName) !== hostKey(s.status!.host ?? '').split('.')[0]
              ? ` It calls itself ${s.status!.computerName}.`
              : ''}
            {s.status!.isAdmin === false ? ' This account is not an administrator there: fixes will be refused.' : ''}
          </p>
          {s.status!.host !== targetHost && (
            <p>
              This diagnosis is for {targetHost}. Its server checks use this session only if {s.status!.host} is that same computer.
            </p>
          )}
          <div className="actions">
            {!ranThere && (
              // Connected after the scan: checking the server there is the page's next step (its accent).
              <button type="button" className="primary" disabled={s.busy} onClick={() => void s.startScan()}>
                Run the diagnosis again
              </button>
            )}
            <button type="button" disabled={s.busy} onClick={() => void s.disconnectRemote()}>
              Disconnect
            </button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby={`${ids}-title`} noValidate>
          <p className="field-hint">
            Needs WinRM on the server and an account that is an administrator there. The password stays in RDP Doctor's memory until you
            disconnect or close it; it is never saved. In someone else's Windows session, programs running as that person could read it
            there while you are connected: use "Make a fix script" instead, or start RDP Doctor as your own account.
          </p>
          <div className="field-row">
            <div className="field grow">
              <label htmlFor={`${ids}-host`}>Server</label>
              <input
                id={`${ids}-host`}
                type="text"
                value={host}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => s.setRemoteHost(e.target.value)}
              />
            </div>
            <div className="field grow">
              <label htmlFor={`${ids}-user`}>User name</label>
              <input
                id={`${ids}-user`}
                type="text"
                value={s.remoteUser}
                placeholder="DOMAIN\user"
                autoComplete="username"
                spellCheck={false}
                aria-invalid={missingUser}
                aria-describedby={missingUser ? `${ids}-user-error` : undefined}
                onChange={(e) => s.setRemoteUser(e.target.value)}
              />
              {missingUser && (
                <p id={`${ids}-user-error`} className="field-error">
                  Enter the user name (DOMAIN\user, or SERVER\user for a local account).
                </p>
              )}
            </div>
            <div className="field grow">
              <label htmlFor={`${ids}-password`}>Password</label>
              <input
                id={`${ids}-password`}
                type="password"
                value={password}
                autoComplete="current-password"
                aria-invalid={missingPassword}
                aria-describedby={missingPassword ? `${ids}-password-error` : undefined}
                onChange={(e) => setPassword(e.target.value)}
              />
              {missingPassword && (
                <p id={`${ids}-password-error`} className="field-error">
                  Enter the password.
                </p>
              )}
            </div>
          </div>
          <div className="actions">
            <button type="submit" disabled={s.busy}>
              {s.busy ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {s.outcome && !s.outcome.connected && (
          <div className="banner banner-error" role="alert" data-remote="refused" data-problem={s.outcome.problem ?? ''}>
            <strong>Could not connect with PowerShell remoting</strong>
            <p>{s.outcome.message}</p>
            {s.outcome.fix && (
              <>
                <p>
                  Run this {s.outcome.fix.where === 'server' ? 'on the server' : 'on this computer'}, in PowerShell opened as administrator:
                </p>
                <CommandBlock command={s.outcome.fix.command} label="Command that fixes it" />
              </>
            )}
          </div>
        )}
        {s.error && <ErrorBanner error={s.error} />}
      </div>
    </div>
  );
}

/** "Make a fix script for <server>": choose the fixes, save one .ps1 in Downloads. */
function FixScriptMaker({ suggested, server }: { suggested: FixId[]; server: string }) {
  const { chosen, setChosen, busy, error, save } = useWizard(
    useShallow((w) => ({
      chosen: w.scriptFixIds,
      setChosen: w.setScriptFixIds,
      busy: w.scriptBusy,
      error: w.scriptError,
      save: w.saveFixScript,
    })),
  );
  // The file and the time it was saved with (the run lines say that time, not a later choice).
  const [saved, setSaved] = useState<(SavedFile & { revertAfterMinutes?: RevertAfter }) | null>(null);
  // As on the Fix step: the shortest time unless another is chosen, never "until I undo it" by default.
  const [revertAfter, setRevertAfter] = useState<RevertAfter>(REVERT_CHOICES[0]);
  const ids = useId();
  const selected = chosen ?? suggested;
  // The time goes only with a temporary fix (the script refuses it otherwise).
  const temporary = selected.some((id) => getFix(id).temporary);
  // A change that weakens security goes into the script only after the same tick the app asks for.
  const weakens = selected.some((id) => getFix(id).risk.includes('changes-security'));
  const [understood, setUnderstood] = useState(false);
  const toggle = (id: FixId, on: boolean) => {
    const next = on ? [...selected, id] : selected.filter((x) => x !== id);
    // Never ticked for the user: unticking the change takes the tick with it.
    if (!next.some((x) => getFix(x).risk.includes('changes-security'))) setUnderstood(false);
    // Keep the catalog order: the script runs the fixes in it.
    setChosen(serverFixIds.filter((x) => next.includes(x)));
  };

  const run = async () => {
    setSaved(null);
    const revertAfterMinutes = temporary ? revertAfter : undefined;
    const file = await save(selected, revertAfterMinutes);
    setSaved(file && { ...file, revertAfterMinutes });
  };

  return (
    <div className="remote-part">
      <h3 id={`${ids}-title`}>Make a fix script for {server}</h3>
      <p className="field-hint">
        When remoting is not possible: one PowerShell script the server's admin runs there. It checks, saves a backup, applies the chosen
        fixes, checks again, prints what it did, and undoes it all when run with -Undo.
      </p>
      <fieldset className="field">
        <legend>Fixes to put in the script</legend>
        {serverFixIds.map((id) => {
          // A fix that undoes one already ticked cannot be ticked too: the line says which, and why.
          const blocked = conflictsOf(id).find((c) => selected.includes(c.other));
          return (
            <label key={id} className="choice">
              <input
                type="checkbox"
                checked={selected.includes(id)}
                disabled={!!blocked}
                aria-describedby={blocked ? `${ids}-${id}-why` : undefined}
                onChange={(e) => toggle(id, e.target.checked)}
              />
              <span>
                {getFix(id).title}
                {/* Said as the box's description, not its name: the name stays the fix's title. */}
                {blocked && (
                  <small id={`${ids}-${id}-why`} aria-hidden="true" data-unavailable={id}>
                    {blocked.line}
                  </small>
                )}
                {suggested.includes(id) && <small>Suggested by what we found</small>}
                {getFix(id).risk.includes('changes-security') && (
                  <small>
                    Weakens security: the script makes this change only when run with the line shown after saving, for a test you then undo.
                  </small>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>
      {temporary && <RevertChoice choices={REVERT_CHOICES} value={revertAfter} computer={server} onChange={setRevertAfter} />}
      {weakens && (
        <label className="choice confirm">
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
          <span>{WORDS.understandWeakens}</span>
        </label>
      )}
      <div className="actions report-actions">
        <button type="button" disabled={busy || selected.length === 0 || (weakens && !understood)} onClick={() => void run()}>
          Make a fix script for {server}
        </button>
        <span className="grow" role="status" aria-live="polite">
          {selected.length === 0 ? (
            'Choose at least one fix.'
          ) : saved ? (
            <SavedFileNote saved={saved}>Copy it to {server}: the lines below run it there.</SavedFileNote>
          ) : null}
        </span>
      </div>
      {saved && selected.length > 0 && (
        <FixScriptRunLines
          fileName={saved.fileName}
          server={server}
          weakens={selected.some((id) => getFix(id).risk.includes('changes-security'))}
          revertAfterMinutes={saved.revertAfterMinutes}
        />
      )}
      {error && <ErrorBanner error={error} />}
    </div>
  );
}

/** The findings step's card for the server, titled by its name: remoting for helpdesk, the fix script for anyone. */
export function RemoteComputer() {
  const { scan, audience, refresh } = useWizard(
    useShallow((w) => ({ scan: w.scan, audience: w.audience, refresh: w.refreshRemoteStatus })),
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (!scan) return null;
  // The server is this computer: its fixes run here, with no remoting and no script to send.
  if (scan.server.kind === 'this-computer') return null;
  // A change that weakens security is never ticked for the user: it is a test they choose.
  const suggested = serverFixIds.filter(
    (id) => !getFix(id).risk.includes('changes-security') && scan.findings.some((f) => f.fixIds.includes(id)),
  );
  // Home users rarely administer the server themselves: keep the script maker one click away.
  // The server not checked: its card above holds the one script offer (a check script).
  if (audience !== 'helpdesk' && scan.server.kind === 'not-checked') return null;
  if (audience !== 'helpdesk') {
    return (
      <details className="card remote-computer">
        <summary>Someone else runs the server? Make a fix script for its administrator</summary>
        <FixScriptMaker suggested={suggested} server={scan.target.host} />
      </details>
    );
  }
  return (
    <section className="card remote-computer" aria-labelledby="remote-computer-title">
      <h2 id="remote-computer-title">{scan.target.host}</h2>
      <p className="field-hint">The server. Its checks and fixes can run on it directly, or go into a script for its administrator.</p>
      <RemotingForm targetHost={scan.target.host} />
      <FixScriptMaker suggested={suggested} server={scan.target.host} />
    </section>
  );
}
