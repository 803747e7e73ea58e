import { CopyButton } from './CopyButton';

/**
 * PowerShell for a person to copy and run, with its Copy button. Never wrapped: a wrapped line
 * reads as two commands and gets retyped wrong; a long one scrolls sideways (the block takes the
 * keyboard focus so it can be scrolled without a mouse).
 */
export function CommandBlock({ command, label }: { command: string; label: string }) {
  return (
    <div className="command">
      <pre className="code" tabIndex={0} aria-label={label}>
        {command}
      </pre>
      <CopyButton text={command} what={label} />
    </div>
  );
}
