import { useShallow } from 'zustand/react/shallow';
import { getFix } from '../../../shared/catalog/fixes';
import { formatTarget } from '../../../shared/target';
import { useWizard } from '../store';
import { ErrorBanner } from '../components/ErrorBanner';
import { ReportActions } from '../components/ReportActions';
import { networkTypeLabels } from '../../../shared/network-type';
import { reportedErrorLine } from '../../../shared/report/reported-error-line';
import type { ConnectTry } from '../../../shared/results';
import { TryConnect } from '../components/TryConnect';

const tryWords: Record<ConnectTry['answer'], string> = {
  worked: 'Connected',
  'same-error': 'Still the same error',
  'different-error': 'A different error',
};

import { formatWhen as when } from '../format';
import { plainLines } from '../../../shared/catalog/wording';
import { inOneWord, WORDS } from '../../../shared/catalog/words';
import type { FixOutcome } from '../../../shared/results';

/** A change's state in the list, in the wizard's words (never the engine's status names). */
const changeStatusWords: Record<FixOutcome['status'], string> = {
  fixed: 'fixed',
  'not-fixed': 'changed, not fixed yet',
  'rolled-back': 'failed and undone',
  failed: 'not changed',
  cancelled: 'cancelled',
};

export function SummaryStep() {
  const {
    scan,
    outcomes,
    undone,
    resolved,
    undoAllResult,
    undoAllLeftOut,
    fixBusy,
    fixError,
    undoFix,
    undoAll,
    decideRevert,
    startOver,
    goTo,
    undoAllPlan,
    planUndoAll,
    cancelUndoAll,
    networkType,
    connectTries,
    reportedError,
    ticketText,
    setTicketText,
    helpdesk,
  } = useWizard(
    useShallow((s) => ({
      helpdesk: s.audience === 'helpdesk',
      ticketText: s.ticketText,
      setTicketText: s.setTicketText,
      networkType: s.networkType,
      connectTries: s.connectTries,
      reportedError: s.reportedError,
      undoAllPlan: s.undoAllPlan,
      planUndoAll: s.planUndoAll,
      cancelUndoAll: s.cancelUndoAll,
      scan: s.scan,
      outcomes: s.outcomes,
      undone: s.undone,
      resolved: s.resolved,
      undoAllResult: s.undoAllResult,
      undoAllLeftOut: s.undoAllLeftOut,
      fixBusy: s.fixBusy,
      fixError: s.fixError,
      undoFix: s.undoFix,
      undoAll: s.undoAll,
      decideRevert: s.decideRevert,
      startOver: s.startOver,
      goTo: s.goTo,
    })),
  );
  const inPlace = (o: (typeof outcomes)[number]) =>
    !!o.journalId && !undone[o.journalId] && (o.status === 'fixed' || o.status === 'not-fixed');
  // A change that cannot be put back is never offered for undo, here or in "Undo all".
  const isUndoable = (o: (typeof outcomes)[number]) => inPlace(o) && !getFix(o.fixId).cannotUndo;
  const undoable = outcomes.filter(isUndoable);
  // Weakened settings the user has not yet reverted or kept: asked about first, above the list.
  const revertOffers = undoable.filter((o) => o.revertAfterTest && !resolved[o.journalId!]);
  const lastTry = connectTries.at(-1);
  const errorLine = reportedError ? reportedErrorLine(reportedError, connectTries) : null;
  // One primary button per view: a pending decision (revert, undo all) outranks "Check another computer".
  // "Undo all" puts back what can be; a change that cannot be undone is named apart, never counted.
  const planned = undoAllPlan?.filter((e) => !getFix(e.fixId).cannotUndo) ?? [];
  const leftOut = undoAllPlan?.filter((e) => getFix(e.fixId).cannotUndo) ?? [];
  const decisionPending = revertOffers.length > 0 || planned.length > 0;
  // The outcome leads: what changed and whether it connects now, before the facts of the scan.
  const changedNow = outcomes.filter((o) => (o.status === 'fixed' || o.status === 'not-fixed') && !(o.journalId && undone[o.journalId]));
  const restartPending = (o: (typeof outcomes)[number]) => o.status === 'fixed' && getFix(o.fixId).restart === 'computer';
  const outcomeWord = (o: (typeof outcomes)[number]) =>
    restartPending(o)
      ? 'changed, on after a restart'
      : o.status === 'fixed'
        ? 'fixed, its check passes again'
        : 'changed, but its check still fails';
  const allFixed = changedNow.length > 0 && changedNow.every((o) => o.status === 'fixed' && !restartPending(o));
  const outcomeHeading = !allFixed
    ? 'Changed, not fixed yet'
    : lastTry?.answer === 'worked'
      ? 'Fixed, and Remote Desktop connects'
      : lastTry
        ? 'Fixed, but Remote Desktop still fails'
        : 'Fixed: now try connecting';
  const awaitingTry = allFixed && !lastTry && !decisionPending;
  // Everything changed this time has been undone: say what state things are in now (issue 23).
  const undoneNow = outcomes.filter((o) => o.journalId && undone[o.journalId]);
  const allUndone = changedNow.length === 0 && undoneNow.length > 0;
  const undoneComputers = [...new Set(undoneNow.map((o) => o.computer ?? scan?.target.host ?? 'the computer'))];
  // "As before" only when nothing stays: a change that cannot be undone is named in the heading.
  const undoneTitles = [...new Set(undoneNow.map((o) => `“${getFix(o.fixId).title}”`))];
  const staysTitles = [...new Set(undoAllLeftOut.map((e) => `“${getFix(e.fixId).title}”`))];
  const undoneHeading =
    staysTitles.length === 0
      ? `${WORDS.undone}: ${undoneComputers.join(' and ')} ${undoneComputers.length === 1 ? 'is' : 'are'} as before`
      : `${WORDS.undone}: ${undoneTitles.join(' and ')} on ${undoneComputers.join(' and ')}. ${
          staysTitles.length === 1 ? 'One change stays' : `${staysTitles.length} changes stay`
        }: ${staysTitles.join(' and ')} (can't be undone).`;
  // Only a change that had fixed something makes Remote Desktop fail again once undone.
  const failsAgain = undoneNow.some((o) => o.status === 'fixed');
  const errorShown = reportedError ? reportedError.replace('/', ' / ') : '0x904 / 0x7';
  const cause = scan?.findings[0]?.title;
  // Every change the journal holds that is still in place, any run: "Undo all" lists those, and
  // says so, since "Changes made this time" lists only this run's.
  const planComputers = [...new Set((undoAllPlan ?? []).map((e) => e.ranOn ?? e.computer ?? 'this computer'))];

  return (
    <section aria-labelledby="summary-title">
      <h1 id="summary-title" tabIndex={-1}>
        Summary
      </h1>
      {changedNow.length > 0 && (
        <div className="card outcome-first" data-summary-outcome>
          <h2>{outcomeHeading}</h2>
          <ul className="plain-list">
            {changedNow.map((o) => (
              <li key={o.journalId ?? o.fixId}>
                {getFix(o.fixId).title}
                {o.computer ? ` on ${o.computer}` : ''}: {outcomeWord(o)}
              </li>
            ))}
          </ul>
          {/* Until the user says whether it connects, trying is the one thing to do. */}
          {awaitingTry && <TryConnect accent />}
          {lastTry && (
            <p data-connect-answer>
              You tried connecting {when(lastTry.at)}: {tryWords[lastTry.answer].toLowerCase()}
              {lastTry.code ? ` (${lastTry.code})` : ''}.
            </p>
          )}
        </div>
      )}
      {allUndone && (
        <div className="card outcome-first" data-summary-outcome="undone">
          <h2>{undoneHeading}</h2>
          <p data-summary-now>
            {failsAgain
              ? `Remote Desktop will fail again with ${errorShown} until the cause is fixed${cause ? `: ${cause}` : ''}.`
              : 'Nothing that was undone had fixed the problem: Remote Desktop fails as it did before.'}
          </p>
          <p>Back to findings to fix it another way, or to try the next cause.</p>
        </div>
      )}
      {scan && (
        <div className="card">
          <h2>{formatTarget(scan.target)}</h2>
          <dl className="session-facts">
            <div>
              <dt>This PC</dt>
              <dd>{scan.thisComputer}</dd>
            </div>
            <div>
              <dt>The server</dt>
              <dd data-summary-server>{scan.server.kind === 'this-computer' ? `This PC (${scan.thisComputer})` : scan.target.host}</dd>
            </div>
            <div>
              <dt>Network</dt>
              <dd>{networkTypeLabels[networkType].title}</dd>
            </div>
            <div>
              <dt>Tried connecting</dt>
              <dd data-connect-tries>
                {lastTry ? `${tryWords[lastTry.answer]}${lastTry.code ? ` (${lastTry.code})` : ''}, ${when(lastTry.at)}` : 'Not yet'}
              </dd>
            </div>
            {errorLine && (
              <div>
                <dt>{errorLine.label}</dt>
                <dd data-reported-error>{errorLine.value}</dd>
              </div>
            )}
          </dl>
          {changedNow.length === 0 && (
            <p>
              {scan.results.length} checks, {scan.findings.length} {scan.findings.length === 1 ? 'finding' : 'findings'}
              {scan.findings[0] ? `; most likely: ${scan.findings[0].title}.` : '.'}
            </p>
          )}
          <div className="field ticket">
            <label htmlFor="ticket-number">Ticket number (optional, goes into the report)</label>
            <input id="ticket-number" type="text" value={ticketText} autoComplete="off" onChange={(e) => setTicketText(e.target.value)} />
          </div>
          <ReportActions />
        </div>
      )}
      {revertOffers.map((o) => (
        <div key={o.journalId} className="card revert-offer" data-revert-offer={o.journalId}>
          <h2>Test the connection, then undo the test</h2>
          <p>
            “{getFix(o.fixId).title}” weakens security. It is meant only to find out whether this setting is the cause. Try connecting with
            Remote Desktop now; whatever the result, undo it afterwards.
          </p>
          <div className="actions">
            <button type="button" onClick={() => void decideRevert(o.journalId!, false)} disabled={fixBusy}>
              {WORDS.keep}
            </button>
            <button type="button" className="primary" onClick={() => void decideRevert(o.journalId!, true)} disabled={fixBusy}>
              {WORDS.undoOne}
            </button>
          </div>
        </div>
      ))}
      <div className="card">
        <h2 data-changes-heading>Changes made this time{outcomes.length > 0 ? ` (${outcomes.length})` : ''}</h2>
        {fixError && <ErrorBanner error={fixError} />}
        {outcomes.length === 0 ? (
          <p>No changes were made.</p>
        ) : (
          <ul className="changes">
            {outcomes.map((o) => {
              const undo = o.journalId ? undone[o.journalId] : undefined;
              const decision = o.journalId ? resolved[o.journalId] : undefined;
              return (
                <li key={o.journalId ?? o.fixId} data-journal={o.journalId ?? ''}>
                  <div className="grow">
                    <strong>{getFix(o.fixId).title}</strong> —{' '}
                    {undo
                      ? WORDS.undone.toLowerCase()
                      : decision?.kind === 'kept'
                        ? 'kept'
                        : o.status === 'fixed' && getFix(o.fixId).restart === 'computer'
                          ? 'fixed, restart needed'
                          : changeStatusWords[o.status]}
                    {(o.computer || o.at) && (
                      <div className="meta" data-change-where>
                        {[o.computer && `on ${o.computer}`, o.at && when(o.at)].filter(Boolean).join(', ')}
                      </div>
                    )}
                    <div className="check-summary">
                      {undo
                        ? helpdesk
                          ? undo.message
                          : plainLines(
                              [undo.message],
                              [`${WORDS.undone}: ${o.computer ?? 'the computer'} is back as it was before this fix.`],
                            )[0]
                        : (decision?.message ??
                          // "— fixed" is said just before: the line says what it rests on, not "Fixed:" again.
                          inOneWord(o.message).replace(/^Fixed: (\w)/, (_m, first: string) => first.toUpperCase()))}
                    </div>
                    {inPlace(o) && getFix(o.fixId).cannotUndo && (
                      <div className="cannot-undo" data-cannot-undo>
                        {getFix(o.fixId).cannotUndo}
                      </div>
                    )}
                  </div>
                  {isUndoable(o) && (
                    <button type="button" onClick={() => void undoFix(o.journalId!)} disabled={fixBusy}>
                      {WORDS.undoOne}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {/* When the heading above already says what was undone, the same green line here would repeat it. */}
        {undoAllResult && !(allUndone && undoAllResult.failed.length === 0) && (
          <p className={`banner ${undoAllResult.failed.length ? 'banner-error' : 'banner-done'}`} role="status" data-undo-all>
            {undoAllResult.message}
          </p>
        )}
        {undoAllResult && undoAllLeftOut.length > 0 && (
          <ul className="undo-plan undo-left-out" aria-label={`${WORDS.cannotUndo}, so it stays`}>
            {undoAllLeftOut.map((e) => (
              <li key={e.id} data-undo-left-out={e.id}>
                Stays as it is: <strong>{getFix(e.fixId).title}</strong> on {e.ranOn ?? e.computer ?? 'this computer'}, {when(e.startedAt)}:{' '}
                {getFix(e.fixId).cannotUndo}
              </li>
            ))}
          </ul>
        )}
        {undoAllPlan ? (
          <div className="undo-all-confirm" role="group" aria-label="Confirm undo all">
            <p data-undo-all-scope>
              Every change RDP Doctor has made on {planComputers.join(' and ') || 'this computer'} and not undone, in this run or an earlier
              one: {undoAllPlan.length}
              {leftOut.length > 0 ? ` (${planned.length} can be undone, ${leftOut.length} can't)` : ''}.
            </p>
            {planned.length === 0 ? (
              <p>There are no changes left to undo.</p>
            ) : (
              <>
                <p>
                  {planned.length === 1 ? 'Undo this change' : `Undo these ${planned.length} changes`} from the backups RDP Doctor saved,
                  newest first?
                </p>
                <ul className="undo-plan">
                  {planned.map((e) => (
                    <li key={e.id} data-undo-plan={e.id}>
                      <strong>{getFix(e.fixId).title}</strong> on {e.ranOn ?? e.computer ?? 'this computer'}, {when(e.startedAt)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {leftOut.length > 0 && (
              <p className="meta" data-undo-left-out-heading>
                Stays as it is (can&apos;t be undone):
              </p>
            )}
            {leftOut.length > 0 && (
              <ul className="undo-plan undo-left-out">
                {leftOut.map((e) => (
                  <li key={e.id} data-undo-left-out={e.id}>
                    <strong>{getFix(e.fixId).title}</strong> on {e.ranOn ?? e.computer ?? 'this computer'}, {when(e.startedAt)}:{' '}
                    {getFix(e.fixId).cannotUndo}
                  </li>
                ))}
              </ul>
            )}
            <div className="actions">
              <button type="button" onClick={cancelUndoAll} disabled={fixBusy}>
                Cancel
              </button>
              {planned.length > 0 && (
                <button
                  type="button"
                  className={revertOffers.length ? 'danger' : 'primary'}
                  onClick={() => void undoAll()}
                  disabled={fixBusy}
                >
                  {planned.length === 1 ? 'Yes, undo it' : `Yes, undo all ${planned.length}`}
                </button>
              )}
            </div>
          </div>
        ) : (
          undoable.length > 0 && (
            <div className="actions">
              <button type="button" onClick={() => void planUndoAll()} disabled={fixBusy}>
                {WORDS.undoAll}
              </button>
            </div>
          )
        )}
      </div>
      <div className="actions">
        {/* After an undo the next thing to do is fixing it another way: back to the findings. */}
        <button
          type="button"
          className={allUndone && !decisionPending ? 'primary' : undefined}
          onClick={() => goTo('findings')}
          disabled={!scan}
        >
          Back to findings
        </button>
        <button type="button" className={decisionPending || awaitingTry || allUndone ? undefined : 'primary'} onClick={startOver}>
          Check another computer
        </button>
      </div>
    </section>
  );
}
