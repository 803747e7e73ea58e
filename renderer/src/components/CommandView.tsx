import { useEffect, useMemo, useState } from 'react';
import type { CommandDescription, DescribeCommandsRequest } from '../../../shared/commands';
import { getCheck } from '../../../shared/catalog/checks';
import { getFix } from '../../../shared/catalog/fixes';
import { readableValues } from '../../../shared/catalog/readable-commands';
import { useWizard } from '../store';
import { CommandBlock } from './CommandBlock';
import { CopyButton } from './CopyButton';

type Loaded =
  { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: CommandDescription } | { state: 'failed'; message: string };

/**
 * What a check or fix really runs, for helpdesk: under "Run on <computer> (PowerShell as
 * administrator)", readable PowerShell with the values the scan found put in (the rules that are
 * off, the certificate, its key file) to copy and run there; the undo of a fix, "Copy as .ps1",
 * each script with its arguments decoded ("View script"), and, folded away, the line RDP Doctor
 * itself sends ("Exact command run": it names a path that exists only on this computer). Asks
 * main by id (describeCommands) when first opened; the renderer never holds or sends script text.
 */
export function CommandView({
  request,
  open = false,
  exactLine,
}: {
  request: DescribeCommandsRequest;
  open?: boolean;
  /** The line the check ran (its result's command): shown as its exact command. */
  exactLine?: string | undefined;
}) {
  const describeCommands = useWizard((s) => s.describeCommands);
  const results = useWizard((s) => s.scan?.results);
  const values = useMemo(() => readableValues(results ?? []), [results]);
  const [isOpen, setOpen] = useState(open);
  const id = request.kind === 'check' ? request.checkId : request.fixId;
  // A fix's commands name the backup folder of its next run: once a fix has run, they are asked
  // again (that run took the folder they named).
  const runs = useWizard((s) => (request.kind === 'fix' ? s.outcomes.length : 0));
  const key = `${request.kind}:${id}:${request.target.host}:${request.target.port}:${JSON.stringify(values)}:${runs}`;
  // Kept with the request it answers: a different check or target starts from nothing again.
  const [result, setResult] = useState<{ key: string; loaded: Loaded } | null>(null);
  const loaded: Loaded = result?.key === key ? result.loaded : { state: 'idle' };

  useEffect(() => {
    if (!isOpen || result?.key === key) return;
    let live = true;
    setResult({ key, loaded: { state: 'loading' } });
    void describeCommands({ ...request, values }).then((answer) => {
      if (live)
        setResult({ key, loaded: answer.ok ? { state: 'done', value: answer.value } : { state: 'failed', message: answer.error.message } });
    });
    return () => {
      live = false;
      // Closed or changed before the answer came: ask again next time rather than wait forever.
      setResult((r) => (r?.key === key && r.loaded.state === 'loading' ? null : r));
    };
    // Only opening it or naming another check, target or value asks again (`key` stands for the request).
  }, [isOpen, key]);

  const admin = request.kind === 'check' ? getCheck(request.checkId).needsAdmin : getFix(request.fixId).needsAdmin;
  return (
    <details className="command-view" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)} data-commands={id}>
      <summary>PowerShell: what this {request.kind === 'check' ? 'check runs' : 'fix does'}</summary>
      {loaded.state === 'loading' && <p className="muted">Loading the commands…</p>}
      {loaded.state === 'failed' && <p role="alert">The commands could not be shown: {loaded.message}</p>}
      {loaded.state === 'done' && <Commands d={loaded.value} id={id} admin={admin} exactLine={exactLine} />}
    </details>
  );
}

function Commands({ d, id, admin, exactLine }: { d: CommandDescription; id: string; admin: boolean; exactLine: string | undefined }) {
  const exact = exactLine
    ? [{ key: 'ran', label: `Exact command run for ${id}`, command: exactLine }]
    : d.scripts.map((s) => ({ key: `${s.role}:${s.file}`, label: `Exact command: ${s.role.toLowerCase()}, ${s.file}`, command: s.exact }));
  return (
    <div className="command-body">
      <h4 data-run-on={d.computer}>
        Run on {d.computer} (PowerShell{admin ? ' as administrator' : ''})
      </h4>
      <CommandBlock command={d.readable.join('\n')} label={`Readable PowerShell for ${id}`} />
      {d.undo && (
        <>
          <h4>To undo it</h4>
          <CommandBlock command={d.undo.join('\n')} label={`Undo for ${id}`} />
        </>
      )}
      <div className="command-actions">
        <CopyButton text={d.ps1} label="Copy as .ps1" what={`all of it, for ${d.computer}`} />
      </div>
      {d.scripts.map((s) => (
        <details key={`${s.role}:${s.file}`} className="script-view">
          <summary>
            View script: {s.role.toLowerCase()}, {s.file}
          </summary>
          <p className="muted">
            Arguments (decoded): <code>{s.args}</code>
          </p>
          {s.text === null ? (
            <p className="muted">This install cannot show the script's text.</p>
          ) : (
            <pre className="script-text" tabIndex={0} aria-label={`Text of ${s.file}`}>
              {s.text}
            </pre>
          )}
        </details>
      ))}
      {exact.length > 0 && (
        <details className="exact">
          <summary>Exact command run</summary>
          <p className="muted">What RDP Doctor itself sends to PowerShell: the script on this computer, its values encoded.</p>
          {exact.map((e) => (
            <CommandBlock key={e.key} command={e.command} label={e.label} />
          ))}
        </details>
      )}
    </div>
  );
}
