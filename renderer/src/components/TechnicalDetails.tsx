import type { ReactNode } from 'react';

/**
 * The technical half of a check or finding: collapsed for home users, open when "Show
 * technical details" is on. "Learn more" opens Microsoft's article in the browser: the link has
 * target=_blank so the main process's window-open handler sees it and lets only
 * learn.microsoft.com through (electron/main/help-links.ts); a plain click would be a navigation,
 * which the window refuses.
 */
export function TechnicalDetails({
  technical,
  learnMore,
  open,
  children,
}: {
  technical: string;
  learnMore?: string | undefined;
  open: boolean;
  children?: ReactNode;
}) {
  return (
    <details className="technical" open={open}>
      <summary>Technical details</summary>
      <p className="technical-text">{technical}</p>
      {children}
      {learnMore && <LearnMore href={learnMore} />}
    </details>
  );
}

function LearnMore({ href }: { href: string }) {
  return (
    <a className="learn-more" href={href} target="_blank" rel="noreferrer noopener">
      Learn more at Microsoft<span className="visually-hidden"> (opens in your browser)</span>
    </a>
  );
}
