import type { CheckStatus } from '../../../shared/results';

const icons: Record<CheckStatus | 'running' | 'waiting', { glyph: string; label: string }> = {
  pass: { glyph: '✓', label: 'Passed' },
  fail: { glyph: '✕', label: 'Problem found' },
  warn: { glyph: '!', label: 'Warning' },
  unavailable: { glyph: '–', label: 'Not available here' },
  skipped: { glyph: '–', label: 'Skipped' },
  error: { glyph: '?', label: 'Could not check' },
  'not-checked': { glyph: '–', label: 'Not checked from this computer' },
  running: { glyph: '…', label: 'Checking now' },
  waiting: { glyph: '·', label: 'Waiting' },
};

export function StatusIcon({ status }: { status: keyof typeof icons }) {
  const { glyph, label } = icons[status];
  return (
    <span className={`status status-${status}`} role="img" aria-label={label} title={label}>
      {glyph}
    </span>
  );
}
