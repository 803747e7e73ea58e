/**
 * One word per thing, for every step of the wizard and the report (issue 23, item 10): undo is
 * "undo" everywhere, never "roll back", "revert", "put back" or "finish it". The components and
 * the e2e tests take these from here, so a new button cannot bring a second word back unnoticed.
 */
export const WORDS = {
  /** The button that undoes one change (a fix, a test that weakens security, an interrupted fix). */
  undoOne: 'Undo this change',
  /** The summary's button for every change that can be undone. */
  undoAll: 'Undo all changes…',
  /** What a change that was undone is, as a heading and as the start of its line. */
  undone: 'Undone',
  /** Keeping a change that weakens security for now. */
  keep: 'Keep this change',
  /** Completing a fix a crash cut short, instead of undoing it. */
  finish: 'Finish this change',
  /** How long a temporary change stays before its computer undoes it by itself. */
  undoByItself: 'Undo it by itself',
  /** A change Windows cannot take back (the new certificate). */
  cannotUndo: "Can't be undone",
  /** The tick a change that weakens security needs, applied here or put into a fix script. */
  understandWeakens: 'I understand this weakens security and want it only until the real cause is fixed.',
  /** A fix that failed and whose backup was put in place again automatically. */
  failedAndUndone: 'The fix failed and was undone',
} as const;

/** Other words for undo that the wizard must not show (one word per thing). */
export const OTHER_UNDO_WORDS = /\b(roll(ed)? (it )?back|revert(ed)?( now)?|put (it |them )?back|finish it)\b/i;

/**
 * The fix engine's journal messages ("Rolled back: …", "Put back by its timer at 09:15: …") stay as
 * the log and its tests know them; the wizard says them with its one word.
 */
export function inOneWord(message: string): string {
  return message
    .replace(/^Rolled back: /, `${WORDS.undone}: `)
    .replace(/^Interrupted; rolled back from the backup/, `Interrupted; ${WORDS.undone.toLowerCase()} from the backup`)
    .replace(/^Put back by its timer/, `${WORDS.undone} by its timer`)
    .replace(/^Its timer could not put it back/, 'Its timer could not undo it');
}
