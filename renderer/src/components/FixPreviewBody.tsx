import { getFix } from '../../../shared/catalog/fixes';
import type { FixPreview, ScanResult } from '../../../shared/results';
import { CommandView } from './CommandView';

/** The server's firewall profile is Public: opening Remote Desktop there is not a low-risk change. */
function opensOnPublicNetwork(preview: FixPreview, scan: ScanResult | null): boolean {
  if (preview.fixId !== 'enable-firewall-rdp' || !scan) return false;
  const facts = scan.results.find((r) => r.checkId === 'server-firewall')?.facts as { activeProfiles?: unknown } | undefined;
  return Array.isArray(facts?.activeProfiles) && facts.activeProfiles.includes('Public');
}

/** The risks in the order a person needs them: who loses their session first, then what weakens. */
function riskBadges(preview: FixPreview, scan: ScanResult | null): Array<{ text: string; kind: 'low' | 'warn' | 'danger' }> {
  const def = getFix(preview.fixId);
  const badges: Array<{ text: string; kind: 'low' | 'warn' | 'danger' }> = [];
  if (preview.risk.includes('changes-security')) badges.push({ text: 'Weakens security', kind: 'danger' });
  if (opensOnPublicNetwork(preview, scan)) badges.push({ text: 'Opens Remote Desktop on a public network', kind: 'danger' });
  if (def.restart === 'services') badges.push({ text: 'Restarts Remote Desktop services', kind: 'warn' });
  if (def.restart === 'computer') badges.push({ text: `${preview.computer} must restart afterwards`, kind: 'warn' });
  if (badges.length === 0) badges.push({ text: 'Low risk', kind: 'low' });
  return badges;
}

/** What will change, where, how risky, and how to undo it: before the fix, and folded away after it. */
export function FixPreviewBody({
  preview,
  scan,
  helpdesk,
  commands = true,
}: {
  preview: FixPreview;
  scan: ScanResult | null;
  helpdesk: boolean;
  /** False where the commands are shown below the Apply button, which must stay in view. */
  commands?: boolean;
}) {
  return (
    <>
      <h2>
        What will change on {preview.computer}
        {preview.side === 'client' ? ' (this computer)' : ''}
      </h2>
      <ul>
        {preview.changes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p className="meta">
        {riskBadges(preview, scan).map((b) => (
          <span key={b.text} className={`badge risk-${b.kind}`}>
            {b.text}
          </span>
        ))}
        <span className="badge">{preview.needsAdmin ? 'Needs administrator rights' : 'No administrator rights needed'}</span>
      </p>
      {opensOnPublicNetwork(preview, scan) && (
        <p className="risk-note" data-risk-note="public-network">
          {preview.computer}'s network is set to <strong>Public</strong>, the setting for cafés and airports: with these rules on, any
          computer on that network can try to sign in to it. <strong>Safer:</strong> if {preview.computer} is on a network you trust (home
          or office), set that network to Private on {preview.computer} first (Settings, Network &amp; internet, the network, Network
          profile type: Private), then check again.
        </p>
      )}
      <p>
        <strong>Undo:</strong> {preview.undoPlain} A backup is made before anything changes.
      </p>
      {preview.needsAdmin && preview.canApply && (
        <p className="meta" data-permission>
          {preview.side === 'server' && scan?.server.kind === 'remoting'
            ? `It runs on ${preview.computer} over PowerShell remoting, with the administrator account you connected with: nothing asks for permission on this computer.`
            : 'Windows will ask once for administrator permission. If you say no, nothing is changed.'}
        </p>
      )}
      {preview.prompt && (
        <div className="meta" aria-label="What the administrator prompt will show">
          <p>
            The prompt will say <strong>{preview.prompt.program}</strong>, verified publisher <strong>{preview.prompt.publisher}</strong>.
            Under “Show more details”, its program location must read exactly as below (the process id{' '}
            {preview.prompt.commandLine.match(/-AppPid (\d+)/)?.[1]} is this RDP Doctor). If a prompt shows anything else, answer No.
          </p>
          <pre className="command">{preview.prompt.commandLine}</pre>
        </div>
      )}
      {commands && scan && <CommandView request={{ kind: 'fix', fixId: preview.fixId, target: scan.target }} open={helpdesk} />}
    </>
  );
}
