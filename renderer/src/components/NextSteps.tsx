import { useWizard } from '../store';
import { CANNOT_CHECK } from '../../../shared/diagnosis/cannot-check';

/**
 * When every check passed but Remote Desktop still fails: what is left is outside what this
 * computer can see. Said in the order a person would try it.
 */
export function NextSteps() {
  const server = useWizard((s) => s.scan?.target.host) ?? 'the server';
  return (
    <section className="card next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">If Remote Desktop still does not connect</h2>
      <ol>
        <li>
          <strong>Try from another PC.</strong> If another computer connects to {server}, the problem is on this one: run RDP Doctor again
          after restarting this PC.
        </li>
        <li>
          <strong>Check the account.</strong> The user name must be allowed to connect to {server} (a member of its Remote Desktop Users
          group, or an administrator there), and its password must not have expired.
        </li>
        <li>
          <strong>Ask whoever runs {server}.</strong> Give them the report from the summary: it says what was checked and when. With{' '}
          <em>Show technical details</em> on, it also lists every command.
        </li>
      </ol>
      <h3>What RDP Doctor cannot check</h3>
      <ul className="cannot-check" data-cannot-check>
        {CANNOT_CHECK.map((c) => (
          <li key={c.what}>
            {c.what}. <span className="meta">{c.where}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
