import { useState } from 'react';

/** Copies text to the clipboard and says "Copied" for a moment; says nothing when it could not. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="small" onClick={copy}>
      {copied ? 'Copied' : label}
    </button>
  );
}
