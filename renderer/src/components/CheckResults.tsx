import { getCheck, tierTitles } from '../../../shared/catalog/checks';
import type { CheckResult } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import { StatusIcon } from './StatusIcon';
import { CommandBlock } from './CommandBlock';
import { CommandView } from './CommandView';
import { TechnicalDetails } from './TechnicalDetails';

/** A check that did not run (the server elsewhere, no Windows here): its reason, not its details, matters. */
const NOT_RUN: readonly CheckResult['status'][] = ['not-checked', 'unavailable', 'skipped'];

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
    // Problems open; what passed folds into one line per group; checks that could not run for
    // the same reason are said once, with their names.
    return (
      <>
        {[...groups].map(([title, list]) => {
          const passed = list.filter((r) => r.status === 'pass');
          const unrun = list.filter((r) => NOT_RUN.includes(r.status));
          const problems = list.filter((r) => r.status !== 'pass' && !NOT_RUN.includes(r.status));
          const reasons = new Map<string, CheckResult[]>();
          for (const r of unrun) reasons.set(r.summary, [...(reasons.get(r.summary) ?? []), r]);
          return (
            <div key={title} className="check-group" data-group={title}>
              <h3>{title}</h3>
              {problems.length > 0 && <CheckResults results={problems} helpdesk={helpdesk} target={target} />}
              {[...reasons].map(([reason, same]) =>
                same.length === 1 ? (
                  <CheckResults key={reason} results={same} helpdesk={helpdesk} target={target} />
                ) : (
                  <details key={reason} className="expander" data-same-reason={same.length}>
                    <summary>
                      {same.length} not checked: {reason}
                    </summary>
                    <CheckResults results={same} helpdesk={false} target={target} />
                  </details>
                ),
              )}
              {passed.length > 0 && (
                <details className="expander" data-passed={passed.length}>
                  <summary>{passed.length} passed</summary>
                  <CheckResults results={passed} helpdesk={false} target={target} />
                </details>
              )}
            </div>
          );
        })}
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
                {target ? (
                  <CommandView request={{ kind: 'check', checkId: r.checkId, target }} open={helpdesk} exactLine={r.command} />
                ) : (
                  r.command && (
                    <details className="exact">
                      <summary>Exact command run</summary>
                      <CommandBlock command={r.command} label={`Exact command run for ${r.checkId}`} />
                    </details>
                  )
                )}
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
