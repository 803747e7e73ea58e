import { getCheck, tierTitles } from '../../../shared/catalog/checks';
import type { CheckResult } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import { StatusIcon } from './StatusIcon';
import { CommandBlock } from './CommandBlock';
import { CommandView } from './CommandView';
import { TechnicalDetails } from './TechnicalDetails';

/**
 * Every check with its result: the check's name and what was found, for everyone; its technical
 * text, the exact line it ran, readable PowerShell (with `target`) and the raw facts behind
 * "Technical details", open when technical details are on.
 * `grouped`: one group per computer the results are about, named ("This computer: LAPTOP-4K2M", "office-pc").
 */
export function CheckResults({
  results,
  helpdesk,
  grouped = false,
  target,
}: {
  results: CheckResult[];
  helpdesk: boolean;
  grouped?: boolean;
  target?: Target;
}) {
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
            <CheckResults results={list} helpdesk={helpdesk} target={target} />
          </div>
        ))}
      </>
    );
  }
  return (
    <ul className="check-list">
      {results.map((r) => {
        const check = getCheck(r.checkId);
        return (
          <li key={r.checkId} data-check={r.checkId} data-status={r.status}>
            <StatusIcon status={r.status} />
            <div className="grow">
              <div className="check-title">{check.title}</div>
              <div className="check-summary">{r.summary}</div>
              <TechnicalDetails technical={check.technical} open={helpdesk}>
                {r.command && <CommandBlock command={r.command} label={`PowerShell command for ${r.checkId}`} />}
                {target && <CommandView request={{ kind: 'check', checkId: r.checkId, target }} exact={false} />}
                {r.facts !== undefined && (
                  <details>
                    <summary>Raw facts</summary>
                    <pre className="facts">{JSON.stringify(r.facts, null, 2)}</pre>
                  </details>
                )}
              </TechnicalDetails>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
