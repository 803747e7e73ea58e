import { getCheck, tierTitles } from '../../../shared/catalog/checks';
import type { CheckResult } from '../../../shared/results';
import { StatusIcon } from './StatusIcon';
import { CommandBlock } from './CommandBlock';

/**
 * Every check with its result; helpdesk also sees the command and the raw facts. `grouped`: one
 * group per computer the results are about, named ("This computer: LAPTOP-4K2M", "office-pc").
 */
export function CheckResults({ results, helpdesk, grouped = false }: { results: CheckResult[]; helpdesk: boolean; grouped?: boolean }) {
  if (grouped) {
    const groups = new Map<string, CheckResult[]>();
    for (const r of results) {
      const tier = getCheck(r.checkId).tier;
      const key = `${tierTitles[tier]}${r.computer ? `: ${r.computer}` : ''}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    return (
      <>
        {[...groups].map(([title, list]) => (
          <div key={title} className="check-group" data-group={title}>
            <h3>{title}</h3>
            <CheckResults results={list} helpdesk={helpdesk} />
          </div>
        ))}
      </>
    );
  }
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
