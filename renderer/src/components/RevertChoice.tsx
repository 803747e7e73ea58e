import type { RevertAfter } from '../../../shared/catalog/script-def';
import { WORDS } from '../../../shared/catalog/words';

/** A timer's length as every line about it says it: the choice ("In an hour") and what follows ("an hour after"). */
export const timerWords = (minutes: number) => (minutes === 60 ? 'an hour' : `${minutes} minutes`);

const labels: Record<string, { text: string; hint: string }> = {
  '15': { text: `In ${timerWords(15)}`, hint: 'Long enough to try connecting once.' },
  '60': { text: `In ${timerWords(60)}`, hint: 'For a longer test, or to install the missing updates.' },
  null: { text: 'Only when I undo it', hint: 'It stays until you (or an administrator) undo it.' },
};

/**
 * How long a temporary change stays: the computer changed gets a scheduled task that puts it
 * back when the time is up, even if RDP Doctor is closed by then. The shortest is preselected.
 */
export function RevertChoice({
  choices,
  value,
  computer,
  onChange,
}: {
  choices: readonly RevertAfter[];
  value: RevertAfter;
  computer: string;
  onChange: (value: RevertAfter) => void;
}) {
  return (
    <fieldset className="field revert-choice" data-revert-choice>
      <legend>{WORDS.undoByItself}</legend>
      <p className="hint">
        {computer} undoes it on its own when the time is up (a scheduled task there), even if RDP Doctor is closed by then.
      </p>
      {choices.map((choice) => {
        const label = labels[String(choice)]!;
        return (
          <label key={String(choice)} className="choice">
            <input type="radio" name="revert-after" checked={value === choice} onChange={() => onChange(choice)} />
            <span>
              {label.text}
              <small>{label.hint}</small>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
