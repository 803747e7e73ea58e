import { useEffect, useState } from 'react';
import type { CommandDescription, DescribeCommandsRequest } from '../../../shared/commands';
import { useWizard } from '../store';
import { CommandBlock } from './CommandBlock';
import { CopyButton } from './CopyButton';

type Loaded =
  { state: 'idle' } | { state: 'loading' } | { state: 'done'; value: CommandDescription } | { state: 'failed'; message: string };

/**
 * What a check or fix really runs, for helpdesk: readable PowerShell to read aloud or type, the
 * undo of a fix, "Copy as .ps1", each script with its arguments decoded ("View script"), and the
 * base64 line RDP Doctor sends ("Exact command run"). Asks main by id (describeCommands) when
 * first opened; the renderer never holds or sends script text of its own.
 */
export function CommandView({
  request,
  open = false,
  exact = true,
}: {
  request: DescribeCommandsRequest;
  open?: boolean;
  /** False where the exact line is shown already (a check's result row shows the line it ran). */
  exact?: boolean;
}) {
  const describeCommands = useWizard((s) => s.describeCommands);
  const [isOpen, setOpen] = useState(open);
  const id = request.kind === 'check' ? request.checkId : request.fixId;
  const key = `${request.kind}:${id}:${request.target.host}:${request.target.port}`;
  // Kept with the request it answers: a different check or target starts from nothing again.
  const [result, setResult] = useState<{ key: string; loaded: Loaded } | null>(null);
  const loaded: Loaded = result?.key === key ? result.loaded : { state: 'idle' };

  useEffect(() => {
    if (!isOpen || result?.key === key) return;
    let live = true;
    setResult({ key, loaded: { state: 'loading' } });
    void describeCommands(request).then((answer) => {
      if (live)
        setResult({ key, loaded: answer.ok ? { state: 'done', value: answer.value } : { state: 'failed', message: answer.error.message } });
    });
    return () => {
      live = false;
      // Closed or changed before the answer came: ask again next time rather than wait forever.
      setResult((r) => (r?.key === key && r.loaded.state === 'loading' ? null : r));
    };
    // Only opening it or naming another check or target asks again (`key` stands for the request).
  }, [isOpen, key]);

  return (
    <details className="command-view" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)} data-commands={id}>
      <summary>PowerShell: what this {request.kind === 'check' ? 'check runs' : 'fix does'}</summary>
      {loaded.state === 'loading' && <p className="muted">Loading the commands…</p>}
      {loaded.state === 'failed' && <p role="alert">The commands could not be shown: {loaded.message}</p>}
      {loaded.state === 'done' && <Commands d={loaded.value} id={id} exact={exact} />}
    </details>
  );
}

function Commands({ d, id, exact }: { d: CommandDescription; id: string; exact: boolean }) {
  return (
    <div className="command-body">
      <p className="muted">Runs on {d.computer}.</p>
      <pre className="readable" aria-label={`Readable PowerShell for ${id}`}>
        {d.readable.join('\n')}
      </pre>
      {d.undo && (
        <>
          <h4>To undo it</h4>
          <pre className="readable" aria-label={`Undo for ${id}`}>
            {d.undo.join('\n')}
          </pre>
        </>
      )}
      <div className="command-actions">
        <CopyButton text={d.ps1} label="Copy as .ps1" />
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
      {exact && d.scripts.length > 0 && (
        <details className="exact">
          <summary>Exact command run</summary>
          {d.scripts.map((s) => (
            <CommandBlock key={`${s.role}:${s.file}`} command={s.exact} label={`Exact command: ${s.role.toLowerCase()}, ${s.file}`} />
          ))}
        </details>
      )}
    </div>
  );
}
