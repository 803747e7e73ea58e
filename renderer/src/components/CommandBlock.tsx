import { CopyButton } from './CopyButton';

/** The exact PowerShell line, for helpdesk staff, with a copy button. */
export function CommandBlock({ command, label }: { command: string; label: string }) {
  return (
    <div className="command">
      <code aria-label={label}>{command}</code>
      <CopyButton text={command} />
    </div>
  );
}
