import { useShallow } from 'zustand/react/shallow';
import { useWizard } from '../store';

/**
 * "Show technical details": commands, registry paths and raw facts open by default. Remembered
 * across launches, so a helpdesk technician sets it once and a home user never meets the question.
 */
export function TechnicalSwitch() {
  const { on, set } = useWizard(useShallow((s) => ({ on: s.showTechnical, set: s.setShowTechnical })));
  return (
    <label className="switch">
      <input type="checkbox" role="switch" checked={on} onChange={(e) => set(e.target.checked)} />
      <span className="switch-track" aria-hidden="true" />
      Show technical details
    </label>
  );
}
