import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { parseTargetInput } from '../../../shared/target';
import { networkTypeLabels, networkTypes } from '../../../shared/network-type';
import { decodeRdpFile, parseRdpFile } from '../../../shared/rdp-file';
import { useWizard } from '../store';

export function TargetStep() {
  const {
    hostText,
    portText,
    audience,
    networkType,
    attempted,
    setHostText,
    setPortText,
    setAudience,
    setNetworkType,
    startScan,
    thisComputerIsServer,
    setThisComputerIsServer,
  } =
    useWizard(
      useShallow((s) => ({
        hostText: s.hostText,
        portText: s.portText,
        audience: s.audience,
        networkType: s.networkType,
        attempted: s.attempted,
        setHostText: s.setHostText,
        setPortText: s.setPortText,
        setAudience: s.setAudience,
        setNetworkType: s.setNetworkType,
        startScan: s.startScan,
        thisComputerIsServer: s.thisComputerIsServer,
        setThisComputerIsServer: s.setThisComputerIsServer,
      })),
    );
  const [fileNote, setFileNote] = useState('');
  const recentTargets = useWizard((s) => s.recentTargets);
  const loadRecentTargets = useWizard((s) => s.loadRecentTargets);
  useEffect(() => {
    void loadRecentTargets();
  }, [loadRecentTargets]);
  const parsed = parseTargetInput(hostText, portText);
  const openRdpFile = async (file: File | undefined) => {
    if (!file) return;
    const settings = parseRdpFile(decodeRdpFile(new Uint8Array(await file.arrayBuffer())));
    if (!settings.host) {
      setFileNote(`${file.name} has no computer address in it.`);
      return;
    }
    setHostText(settings.host);
    setPortText(settings.port ? String(settings.port) : '');
    setFileNote(
      `Loaded ${file.name}.` +
        (settings.gateway ? ` It connects through the Remote Desktop Gateway ${settings.gateway.host}; its problems look different from 0x904.` : ''),
    );
  };
  const errors = attempted && !parsed.ok ? parsed.errors : {};

  return (
    <section aria-labelledby="target-title">
      <h1 id="target-title" tabIndex={-1}>
        Which computer can't you connect to?
      </h1>
      <p className="lead">
        Type the name or address you use in Remote Desktop. RDP Doctor checks the network first, then this computer, then the
        server, and shows the most likely cause of <em>"Error code: 0x904. Extended error code: 0x7"</em>.
      </p>
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void startScan();
        }}
      >
        <div className="field-row">
          <div className="field grow">
            <label htmlFor="host">Computer name or IP address</label>
            <datalist id="recent-targets">
              {recentTargets.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            <input
              id="host"
              list="recent-targets"
              name="host"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              placeholder="e.g. office-pc.example.com or 192.168.1.20"
              value={hostText}
              onChange={(e) => setHostText(e.target.value)}
              aria-invalid={errors.host ? true : undefined}
              aria-describedby={errors.host ? 'host-error' : undefined}
            />
            {errors.host && (
              <p id="host-error" className="field-error" role="alert">
                {errors.host}
              </p>
            )}
          </div>
          <div className="field port">
            <label htmlFor="port">Port (optional)</label>
            <input
              id="port"
              name="port"
              inputMode="numeric"
              autoComplete="off"
              placeholder="3389"
              value={portText}
              onChange={(e) => setPortText(e.target.value)}
              aria-invalid={errors.port ? true : undefined}
              aria-describedby={errors.port ? 'port-error' : undefined}
            />
            {errors.port && (
              <p id="port-error" className="field-error" role="alert">
                {errors.port}
              </p>
            )}
          </div>
        </div>
        <label className="choice">
          <input type="checkbox" checked={thisComputerIsServer} onChange={(e) => setThisComputerIsServer(e.target.checked)} />
          <span>
            <strong>I am on the computer people can't connect to</strong>
            <small>RDP Doctor then checks this computer's Remote Desktop settings as the server's.</small>
          </span>
        </label>
        <div className="file-row">
          <label className="button-like">
            Open a .rdp file…
            <input type="file" accept=".rdp" className="visually-hidden" onChange={(e) => void openRdpFile(e.target.files?.[0])} />
          </label>
          <span role="status" aria-live="polite" className="check-summary">
            {fileNote}
          </span>
        </div>
        <fieldset className="field" aria-describedby="network-type-hint">
          <legend>How do you reach that computer?</legend>
          <p id="network-type-hint" className="field-hint">
            This decides which advice comes first.
          </p>
          <div className="choice-grid">
            {networkTypes.map((t) => (
              <label key={t} className="choice">
                <input type="radio" name="networkType" value={t} checked={networkType === t} onChange={() => setNetworkType(t)} />
                <span>
                  <strong>{networkTypeLabels[t].title}</strong>
                  <small>{networkTypeLabels[t].hint}</small>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="field">
          <legend>Who is using RDP Doctor?</legend>
          <label className="choice">
            <input type="radio" name="audience" value="home" checked={audience === 'home'} onChange={() => setAudience('home')} />
            <span>
              <strong>Me, for my own PC</strong>
              <small>Plain explanations and one button per fix.</small>
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="audience"
              value="helpdesk"
              checked={audience === 'helpdesk'}
              onChange={() => setAudience('helpdesk')}
            />
            <span>
              <strong>Helpdesk</strong>
              <small>Also shows every PowerShell command and the raw facts.</small>
            </span>
          </label>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary">
            Start diagnosis
          </button>
        </div>
      </form>
    </section>
  );
}
