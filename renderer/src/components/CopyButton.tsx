import { useState } from 'react';

/**
 * Copies with the clipboard API; where it is refused or never answers (Electron's session denies
 * every permission request, clipboard-sanitized-write included: electron/main/window.ts), with the
 * browser's copy command on a hidden selection, which needs no permission. Focus stays on the button.
 */
async function writeClipboard(text: string): Promise<boolean> {
  const api = navigator.clipboard
    ? navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      )
    : Promise.resolve(false);
  if (await Promise.race([api, new Promise<boolean>((r) => setTimeout(() => r(false), 800))])) return true;
  const back = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  back?.focus();
  return copied;
}

/**
 * Copies text to the clipboard and says "Copied" until the focus moves on (on the button, and to a screen
 * reader through a status line); when it cannot, it says to select the text instead.
 * `what` names the block for a screen reader, where every block has its own Copy.
 */
export function CopyButton({ text, label = 'Copy', what }: { text: string; label?: string; what?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    // "Copied" stays until the focus leaves the button: a timer would take it away before a
    // slow reader (or a loaded machine) has seen it.
    if (await writeClipboard(text)) {
      setState('copied');
    } else {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" className="small copy" onClick={() => void copy()} onBlur={() => setState('idle')} data-copy={state}>
        {state === 'copied' ? 'Copied' : label}
        {what && <span className="visually-hidden">: {what}</span>}
      </button>
      <span role="status" className={state === 'failed' ? 'copy-failed' : 'visually-hidden'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </span>
    </>
  );
}
