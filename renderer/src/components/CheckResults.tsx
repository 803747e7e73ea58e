import { getCheck } from '../../../shared/catalog/checks';
import type { CheckResult } from '../../../shared/results';
import { StatusIcon } from './StatusIcon';
import { CommandBlock } from './CommandBlock';

/** Every check with its result; helpdesk also sees the command and the raw facts. */
export function CheckResults({ results, helpdesk }: { results: CheckResult[]; helpdesk: boolean }) {
  return (
    <ul className="check-list">
      {results.map((r) => (
        <li key={r.checkId} data-check={r.checkId} data-status={r.status}>
          <StatusIcon status={r.status} />
          <div className="grow">
            <div className="check-title">{getCheck(r.checkId).title}</div>
            <div className="check-summary">{r.summary}</div>
            {helpdesk && r.command && <CommandBlock command={r.command} label={`PowerShell command for ${r.checkId}`} />}
            {helpdesk && r.facts !== undefined && (
              <details>
                <summary>Raw facts</summary>
                <pre className="facts">{JSON.stringify(r.facts, null, 2)}</pre>
              </details>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
