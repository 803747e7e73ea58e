import { useShallow } from 'zustand/react/shallow';
import { useWizard } from '../store';
import { CANNOT_CHECK } from '../../../shared/diagnosis/cannot-check';

/**
 * When every check passed but Remote Desktop still fails: what is left is outside what this
 * computer can see. Said in the order a person would try it, and different when this computer
 * is the server (127.0.0.1 always means the PC you are on).
 */
export function NextSteps() {
  const { host, here, thisComputer, technical } = useWizard(
    useShallow((s) => ({
      // Where to look (policies, event numbers, tools) is for whoever has technical details on.
      technical: s.audience === 'helpdesk',
      host: s.scan?.target.host ?? 'the server',
      here: s.scan?.server.kind === 'this-computer',
      thisComputer: s.scan?.thisComputer ?? 'this PC',
    })),
  );
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">If Remote Desktop still does not connect</h2>
      <ol data-next-steps={here ? 'this-computer' : 'other-computer'}>
        {here ? (
          <li>
            <strong>Try from another PC.</strong> On another computer, connect to {thisComputer} (its name or address on your network:{' '}
            {host} always means the PC you are on). If that connects, Remote Desktop on this PC works and the problem is on the other
            computer: run RDP Doctor there.
          </li>
        ) : (
          <li>
            <strong>Try from another PC.</strong> If another computer connects to {host}, the problem is on this one: run RDP Doctor again
            after restarting this PC.
          </li>
        )}
        <li>
          <strong>Check the account.</strong> The user name must be allowed to connect to {here ? thisComputer : host} (a member of its
          Remote Desktop Users group, or an administrator there), and its password must not have expired.
        </li>
        {!here && (
          <li>
            <strong>Ask whoever runs {host}.</strong> Give them the report from the summary: it says what was checked and when. With{' '}
            <em>Show technical details</em> on, it also lists every command.
          </li>
        )}
      </ol>
      <h3>What RDP Doctor cannot check</h3>
      <ul className="cannot-check" data-cannot-check>
        {CANNOT_CHECK.map((c) => (
          <li key={c.what}>
            {c.what}.{technical && <span className="meta"> {c.where}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
