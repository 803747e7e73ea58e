import { useState } from 'react';

/**
 * Copies text to the clipboard and says "Copied" for a moment (on the button, and to a screen
 * reader through a status line); when the clipboard refuses, it says to select the text instead.
 * `what` names the block for a screen reader, where every block has its own Copy.
 */
export function CopyButton({ text, label = 'Copy', what }: { text: string; label?: string; what?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="small copy" onClick={() => void copy()} data-copy={state}>
        {state === 'copied' ? 'Copied' : label}
        {what && <span className="visually-hidden">: {what}</span>}
      </button>
      <span role="status" className={state === 'failed' ? 'copy-failed' : 'visually-hidden'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </span>
    </>
  );
}
