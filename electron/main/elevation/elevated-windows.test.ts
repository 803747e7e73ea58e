import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulatedPorts } from '../simulated/simulated-ports';
import { FixEngine } from '../fixes/run-fix';
import { ElevatedWindows } from './elevated-windows';
import { ERROR_CANCELLED, interpretLaunch, type HelperLauncher, type HelperStart, type Launched } from './launcher';
import { failure } from '../../../test/support/windows-error';

// The app side of the elevated helper against a real child process speaking the helper's
// protocol over a real socket (the protocol's failure modes; the real helper under pwsh, against
// hostile peers, is in test/elevation/).
const FAKE = join(__dirname, '../../../test/support/fake-elevated-helper.mjs');
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');

interface FakeConfig {
  answers?: Record<string, unknown>;
  behaviour?: Record<string, unknown>;
  /** The user answers "No" to UAC; Windows reports it with this localized message. */
  declineWith?: string;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

class FakeLauncher implements HelperLauncher {
  readonly log: string;
  /** Every start the app asked for, in order. */
  readonly starts: HelperStart[] = [];
  async describe(start: HelperStart) {
    return { program: 'Windows PowerShell', publisher: 'Microsoft Windows', commandLine: JSON.stringify(start) };
  }
  constructor(
    private readonly dir: string,
    private readonly config: FakeConfig,
  ) {
    this.log = join(dir, 'requests.log');
  }
  async launch(start: HelperStart): Promise<Launched> {
    this.starts.push(start);
    if (this.config.declineWith !== undefined) {
      // The launcher mode's real interpretation: only the code decides, never the message.
      interpretLaunch({ started: false, processId: null, nativeErrorCode: ERROR_CANCELLED, message: this.config.declineWith });
    }
    const child = spawn(
      process.execPath,
      [FAKE, b64({ path: join(this.dir, `${start.pipeName}.sock`), token: start.token, log: this.log, ...this.config })],
      { stdio: 'ignore' },
    );
    children.push(child);
    return { processId: child.pid ?? null };
  }
  requests(): Array<{ type: string; script?: string; encodedArgs?: string }> {
    try {
      return readFileSync(this.log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    } catch {
      return [];
    }
  }
}

function elevated(config: FakeConfig = {}, unelevated = createSimulatedPorts('healthy').windows) {
  const dir = mkdtempSync(join(tmpdir(), 'rdpd-'));
  dirs.push(dir);
  const launcher = new FakeLauncher(dir, config);
  const progress: string[] = [];
  const windows = new ElevatedWindows({
    unelevated,
    launcher,
    pipePath: (name) => join(dir, `${name}.sock`),
    connectTimeoutMs: 10_000,
    onProgress: (m) => progress.push(m),
  });
  return { windows, launcher, progress, unelevated };
}

const BACKUP = { rules: [{ name: 'RemoteDesktop-UserMode-In-TCP', enabled: false }] };
const ID1 = '0f5b3c1e-8a44-4c56-9d0e-1b2c3d4e5f60';
const ELEVATED = { elevated: true, timeoutMs: 5_000, backupId: ID1 };

describe('ElevatedWindows with a helper process', () => {
  it('asks for administrator permission once for a whole batch of fixes', async () => {
    const { windows, launcher, progress } = elevated({ answers: { 'backup-firewall-rdp': BACKUP } });
    const facts = await windows.batch(async () => [
      await windows.run('backup-firewall-rdp', { backupDir: 'C:\\b\\1' }, ELEVATED),
      await windows.run('fix-enable-firewall-rdp', { backup: BACKUP }, ELEVATED),
      await windows.run('backup-rdp-certificate', { backupDir: 'C:\\b\\2' }, ELEVATED),
    ]);
    expect(windows.launches).toBe(1);
    expect(facts[0]).toEqual(BACKUP);
    // The helper gets a script id and the change's backup id: never script text, a path or a backup.
    expect(facts[1]).toEqual({ echo: { backupId: ID1, args: {} } });
    // The batch's end sends "exit" without waiting for the helper to log it: poll for the log.
    await expect
      .poll(() => launcher.requests().map((r) => r.script ?? r.type))
      .toEqual(['backup-firewall-rdp', 'fix-enable-firewall-rdp', 'backup-rdp-certificate', 'exit']);
    expect(progress).toEqual(['Running backup-firewall-rdp', 'Running fix-enable-firewall-rdp', 'Running backup-rdp-certificate']);
  });

  it('outside a batch, each elevated run has its own helper', async () => {
    const { windows } = elevated();
    await windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED);
    await windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED);
    expect(windows.launches).toBe(2);
  });

  it('runs read-only checks in the unelevated session, never in the helper', async () => {
    const { windows, unelevated } = elevated();
    const facts = await windows.run('check-firewall-rdp', {}, { elevated: false });
    expect(facts).toMatchObject({ activeProfiles: ['Domain'] });
    expect(windows.launches).toBe(0);
    expect(unelevated.runs).toEqual([{ script: 'check-firewall-rdp', elevated: false }]);
  });

  it('refuses a script outside the allow-list before any prompt', async () => {
    const { windows } = elevated();
    const err = await failure(windows.run('check-firewall-rdp', {}, ELEVATED));
    expect(err.kind).toBe('bad-request');
    expect(err.message).toMatch(/may not run as administrator/);
    expect(windows.launches).toBe(0);
  });

  it('refuses arguments that do not fit the script before any prompt', async () => {
    const { windows } = elevated();
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: '' } as never, ELEVATED));
    expect(err.kind).toBe('bad-request');
    expect(windows.launches).toBe(0);
  });

  it("reports the helper's own refusal as a refused request, not a crash", async () => {
    const { windows } = elevated({ behaviour: { refuse: true } });
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED));
    expect(err.kind).toBe('bad-request');
    expect(err.message).toMatch(/helper refused backup-firewall-rdp: .*allow-list/);
  });

  it('a declined UAC prompt is "cancelled" in any language, and starts nothing', async () => {
    const { windows, launcher } = elevated({ declineWith: 'Der Vorgang wurde durch den Benutzer abgebrochen.' });
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED));
    expect(err.kind).toBe('cancelled');
    expect(launcher.requests()).toEqual([]);
  });

  it('a helper that dies mid-batch fails that run with a message naming it, and the next run gets a new helper', async () => {
    const { windows } = elevated({ behaviour: { dieOn: 'fix-enable-firewall-rdp' } });
    await windows.batch(async () => {
      await windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED);
      const err = await failure(windows.run('fix-enable-firewall-rdp', { backup: BACKUP }, ELEVATED));
      expect(err.kind).toBe('crashed');
      expect(err.message).toMatch(/helper stopped while running fix-enable-firewall-rdp/);
      // The roll-back that follows a death needs administrator rights again.
      await windows.run('undo-enable-firewall-rdp', { backup: BACKUP }, ELEVATED);
    });
    expect(windows.launches).toBe(2);
  });

  it('a helper that hangs past the timeout fails with "timeout"', async () => {
    const { windows } = elevated({ behaviour: { hangOn: 'fix-enable-firewall-rdp' } });
    const started = Date.now();
    const err = await failure(
      windows.run('fix-enable-firewall-rdp', { backup: BACKUP }, { elevated: true, timeoutMs: 300, backupId: ID1 }),
    );
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/did not answer within .* fix-enable-firewall-rdp/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a line outside the protocol ends the helper as bad output', async () => {
    const { windows } = elevated({ behaviour: { garbageOn: 'backup-firewall-rdp' } });
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED));
    expect(err.kind).toBe('bad-json');
    expect(err.message).toMatch(/outside the protocol \(not JSON: "Exception calling/);
  });

  it('joins answers split into single bytes, with CRLF and a byte-order mark', async () => {
    const facts = { rules: [{ name: 'Remotedesktop – Benutzermodus (TCP eingehend) 東京', enabled: true }] };
    const { windows } = elevated({ answers: { 'backup-firewall-rdp': facts }, behaviour: { trickle: true, bom: true } });
    expect(await windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED)).toEqual(facts);
  });

  it('refuses to talk to a pipe answered by another process than the helper it started', async () => {
    const { windows, launcher } = elevated({ behaviour: { otherPid: true } });
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/is not the helper RDP Doctor started/);
    expect(launcher.requests()).toEqual([]);
  });

  it("shows the helper's refusal of the whole session in its own words", async () => {
    const refusal =
      "Refused: the folder of RDP Doctor's scripts (C:\\Users\\me\\RDP) can be changed by someone who is not an administrator";
    const { windows } = elevated({ behaviour: { refuseSession: refusal } });
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, ELEVATED));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe(`${refusal}.`);
  });

  it("needs the change's journal id and never sends a path or a backup to the helper", async () => {
    const { windows, launcher } = elevated();
    const err = await failure(windows.run('backup-firewall-rdp', { backupDir: 'C:\\b' }, { elevated: true, backupId: '..\\..\\x' }));
    expect(err.kind).toBe('bad-request');
    expect(windows.launches).toBe(0);
    await windows.run('undo-enable-firewall-rdp', { backup: { rules: [], exportPath: 'C:\\evil.reg' } } as never, ELEVATED);
    const sent = launcher.requests().filter((r) => r.type === 'run');
    expect(sent).toEqual([{ type: 'run', id: 1, script: 'undo-enable-firewall-rdp', backupId: ID1, encodedArgs: '' }]);
  });
});

describe('FixEngine over the elevated helper', () => {
  // RDP Doctor runs on the server itself (the simulated SRV-APP01): its fixes may run here.
  const target = { host: 'SRV-APP01', port: 3389 };

  it('a declined prompt ends as "cancelled" with nothing changed', async () => {
    const sim = createSimulatedPorts('firewall-rule-disabled');
    const { windows } = elevated({ declineWith: 'The operation was canceled by the user.' }, sim.windows);
    const ports = { ...sim.ports, windows };
    const outcome = await new FixEngine(ports).apply('enable-firewall-rdp', target, false);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.message).toMatch(/permission was not given, so nothing was changed/);
    expect(sim.journal.entries[0]?.state).toBe('failed');
  });

  it('a batch of two fixes prompts once', async () => {
    const sim = createSimulatedPorts('healthy');
    const { windows } = elevated(
      {
        answers: {
          'backup-firewall-rdp': BACKUP,
          'fix-enable-firewall-rdp': { changed: ['Enabled firewall rule RemoteDesktop-UserMode-In-TCP'] },
          'backup-rdp-certificate': { thumbprint: null, exportPath: null },
          'fix-regenerate-rdp-certificate': { changed: [], newThumbprint: null },
        },
      },
      sim.windows,
    );
    const ports = { ...sim.ports, windows };
    const outcomes = await new FixEngine(ports).applyBatch(['enable-firewall-rdp', 'regenerate-rdp-certificate'], target, false);
    expect(outcomes.map((o) => o.changed)).toEqual([['Enabled firewall rule RemoteDesktop-UserMode-In-TCP'], []]);
    expect(windows.launches).toBe(1);
  });
});

describe('what the administrator approves (issue 22: Medium, Low 1)', () => {
  it('the prompt shown beforehand is the one launched: same pipe name, token, process id and weakening', async () => {
    const { windows, launcher } = elevated();
    const shown = await windows.promptPreview(['fix-rdp-security-isolation-test', 'fix-enable-rdp']);
    await windows.batch(() => windows.run('backup-rdp-security-layer', { backupDir: 'C:\\b' }, ELEVATED), {
      allowWeakening: ['fix-rdp-security-isolation-test'],
    });
    expect(launcher.starts).toHaveLength(1);
    expect(JSON.parse(shown.commandLine)).toEqual(launcher.starts[0]);
    expect(launcher.starts[0]).toMatchObject({ appPid: process.pid, allowWeakening: ['fix-rdp-security-isolation-test'] });
    // The token shown is good for that one helper: the next one gets a new pipe and token.
    await windows.run('backup-rdp-security-layer', { backupDir: 'C:\\b' }, ELEVATED);
    expect(launcher.starts[1]!.token).not.toBe(launcher.starts[0]!.token);
    expect(launcher.starts[1]!.pipeName).not.toBe(launcher.starts[0]!.pipeName);
    expect(launcher.starts[1]!.allowWeakening).toEqual([]);
  });

  it('a weakening fix in a batch whose prompt did not name it gets a new prompt that does', async () => {
    const { windows, launcher } = elevated();
    await windows.batch(async () => {
      await windows.run('backup-rdp-security-layer', { backupDir: 'C:\\b' }, ELEVATED);
      await windows.run('fix-rdp-security-isolation-test', { backup: { securityLayer: 2, userAuthentication: 1 } }, ELEVATED);
      await windows.run('fix-rdp-security-isolation-test', { backup: { securityLayer: 2, userAuthentication: 1 } }, ELEVATED);
    });
    expect(launcher.starts.map((s) => s.allowWeakening)).toEqual([[], ['fix-rdp-security-isolation-test']]);
  });

  it('the fix engine names the confirmed weakening fix in the prompt, and no other', async () => {
    const { windows, launcher } = elevated();
    const ports = createSimulatedPorts('nla-without-tls').ports;
    const engine = new FixEngine({ ...ports, windows });
    await engine.apply('rdp-security-isolation-test', { host: 'localhost', port: 3389 }, true).catch(() => undefined);
    await engine.apply('require-tls-security-layer', { host: 'localhost', port: 3389 }, false).catch(() => undefined);
    expect(launcher.starts.map((s) => s.allowWeakening)).toEqual([['fix-rdp-security-isolation-test'], []]);
  });
});
