import { getFix, type FixId } from '../../../shared/catalog/fixes';
import type { FixPreview } from '../../../shared/results';
import type { Target } from '../../../shared/target';
import type { Ports } from '../ports';
import { fixPlace } from '../fixes/fix-preview';
import { weakeningScriptIds } from './allow-list';

/**
 * Adds to a fix's preview what Windows' administrator prompt will show for it, word for word,
 * when applying it here asks for one: the administrator can then tell RDP Doctor's prompt from
 * one another program raises at the same moment (issue 22). Remote runs ask for no prompt; a
 * port without a prompt of its own (the simulation) says nothing. A helper that would refuse to
 * start says so when the fix is applied, so a failure here only leaves the prompt out.
 */
export async function withPromptPreview(ports: Ports, preview: FixPreview, target: Target): Promise<FixPreview> {
  const fix = getFix(preview.fixId as FixId);
  if (!fix.needsAdmin || fixPlace(ports, fix, target).where !== 'here' || !ports.windows.promptPreview) return preview;
  const allowWeakening = weakeningScriptIds.has(fix.script) ? [fix.script] : [];
  try {
    return { ...preview, prompt: await ports.windows.promptPreview(allowWeakening) };
  } catch {
    return preview;
  }
}
