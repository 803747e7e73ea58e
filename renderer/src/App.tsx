import { useEffect, useRef, useState } from 'react';
import { useWizard, type Step } from './store';
import { TargetStep } from './steps/TargetStep';
import { ScanStep } from './steps/ScanStep';
import { FindingsStep } from './steps/FindingsStep';
import { FixStep } from './steps/FixStep';
import { SummaryStep } from './steps/SummaryStep';
import { InterruptedBanner } from './components/InterruptedBanner';
import { AppIcon } from './components/AppIcon';
import { TechnicalSwitch } from './components/TechnicalSwitch';
import { TestModeBar } from './components/TestModeBar';

const steps: Array<{ id: Step; label: string }> = [
  { id: 'target', label: 'Computer' },
  { id: 'scan', label: 'Checking' },
  { id: 'findings', label: 'What we found' },
  { id: 'fix', label: 'Fix' },
  { id: 'summary', label: 'Summary' },
];

const views: Record<Step, () => React.JSX.Element> = {
  target: TargetStep,
  scan: ScanStep,
  findings: FindingsStep,
  fix: FixStep,
  summary: SummaryStep,
};

/** Opens the folder with RDP Doctor's log file, for a support ticket. */
function ShowLogButton() {
  const showLog = useWizard((s) => s.showLog);
  const [note, setNote] = useState('');
  return (
    <span className="show-log">
      <span role="status" className="check-summary">
        {note}
      </span>
      <button
        type="button"
        className="small"
        onClick={async () => {
          const answer = await showLog();
          setNote(answer.ok ? `Log: ${answer.value}` : answer.error.message);
        }}
      >
        Show log
      </button>
    </span>
  );
}

export function App() {
  const step = useWizard((s) => s.step);
  const View = views[step];
  const heading = useRef<HTMLElement>(null);
  const currentIndex = steps.findIndex((s) => s.id === step);

  // Move focus to the new step so keyboard and screen-reader users start at its top.
  // Not on the first render: there the target step's own autofocus puts the caret in the host box.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [step]);

  return (
    <div className="app">
      <header className="app-header">
        <AppIcon />
        <span className="brand-name">RDP Doctor</span>
        <nav aria-label="Wizard steps" className="stepper">
          <ol>
            {steps.map((s, i) => (
              <li key={s.id} aria-current={s.id === step ? 'step' : undefined} className={i < currentIndex ? 'done' : undefined}>
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                {s.label}
              </li>
            ))}
          </ol>
        </nav>
        <TechnicalSwitch />
        <ShowLogButton />
      </header>
      <TestModeBar />
      <main ref={heading} className="step-view">
        <InterruptedBanner />
        <View />
      </main>
    </div>
  );
}
