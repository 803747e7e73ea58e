import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScriptId } from '../../../shared/catalog/scripts';
import type { Ports, RunOptions, WindowsPort } from '../ports';
import { ElevatedWindows } from '../elevation/elevated-windows';
import type { HelperLauncher } from '../elevation/launcher';
import { RemoteWindows } from '../remote/remote-windows';
import { RoutingWindows } from '../remote/router';
import type { ScriptSession } from '../powershell/script-runner';
import { ServerLocator } from '../server-place/locator';
import type { ThisComputer } from '../server-place/this-computer';
import { MemoryJournal } from './journal-file';
import { FixEngine } from './run-fix';
import { previewFix } from './fix-preview';

// The backup folder a fix's commands name before it runs is the one its run uses: the journal id
// is planned when the commands are first shown and taken by the next run, and each port says
// where its backups really go (the administrator helper's store, the server over remoting).

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const ME: ThisComputer = { name: 'LAPTOP-ANNA', dnsName: null, addresses: () => ['127.0.0.1'] };
const TARGET = { host: 'srv-app01', port: 3389 };

/** Answers every script of the license-cache fix; records what each got. */
class RecordingWindows implements WindowsPort {
  readonly description = 'recording';
  readonly calls: Array<{ script: ScriptId; args: Record<string, unknown>; options: RunOptions }> = [];
  backupDirFor?: (appDir: string, options: RunOptions) => string | null;

  async run(script: ScriptId, args: unknown, options: RunOptions): Promise<unknown> {
    this.calls.push({ script, args: args as Record<string, unknown>, options });
    if (script.startsWith('backup-')) return { existed: true, exportPath: 'x' };
    if (script.startsWith('fix-')) return { changed: ['Deleted the license cache'] };
    return { exists: false, hasHardwareId: false, hasStore: false, storeLicenses: 0 };
  }
}

function setup(over: Partial<Ports> = {}) {
  const windows = new RecordingWindows();
  const ports: Ports = {
    windows,
    network: { probe: () => Promise.reject(new Error('no network here')) },
    clock: { now: () => new Date('2026-12-01T10:00:00Z') },
    journal: new MemoryJournal(),
    backupDir: join('/', 'app', 'backups'),
    scriptPath: (file) => `C:\\Program Files\\RDP Doctor\\resources\\scripts\\${file}`,
    version: '0',
    platform: 'win32',
    scenarios: [],
    servers: new ServerLocator(ME, { status: () => ({ connected: false, host: null, computerName: null }) }),
    ...over,
  };
  return { windows, ports, engine: new FixEngine(ports) };
}

const backupArgOf = (command: string) =>
  JSON.parse(Buffer.from(/-EncodedArgs '([^']+)'/.exec(command)![1]!, 'base64').toString('utf8')) as { backupDir: string };

describe('the backup folder a fix names before it runs', () => {
  it('is the folder its run backs up to: the run takes the planned journal id, and only one run does', async () => {
    const { windows, ports, engine } = setup();
    const planned = engine.plannedBackup('reset-license-cache', TARGET);
    expect(planned.backupDir).toBe(join(ports.backupDir, planned.id));
    // Asked again (the page re-renders, the commands open), the plan stays the same.
    expect(engine.plannedBackup('reset-license-cache', TARGET)).toEqual(planned);
    const preview = previewFix(ports, 'reset-license-cache', TARGET, planned.backupDir);
    expect(backupArgOf(preview.commands[0]!).backupDir).toBe(planned.backupDir);

    const outcome = await engine.apply('reset-license-cache', TARGET, false);
    expect(outcome.journalId).toBe(planned.id);
    expect(windows.calls[0]!.args.backupDir).toBe(planned.backupDir);
    // The next preview plans a new change: a second run never shares the first one's backup.
    const next = engine.plannedBackup('reset-license-cache', TARGET);
    expect(next.id).not.toBe(planned.id);
    const second = await engine.apply('reset-license-cache', TARGET, false);
    expect(second.journalId).toBe(next.id);
    // A run with no preview before it gets a new id of its own.
    const unplanned = await engine.apply('reset-license-cache', TARGET, false);
    expect(unplanned.journalId).toMatch(ID);
    expect(new Set([planned.id, next.id, unplanned.journalId]).size).toBe(3);
  });

  it('is planned per fix and target: another target or another fix gets its own', () => {
    const { engine } = setup();
    const a = engine.plannedBackup('reset-license-cache', TARGET).id;
    expect(engine.plannedBackup('reset-license-cache', { ...TARGET, port: 3390 }).id).not.toBe(a);
    expect(engine.plannedBackup('disable-client-udp', TARGET).id).not.toBe(a);
  });

  it("names where the port puts the backup, shown as the user's Windows writes it", () => {
    const { windows, ports, engine } = setup({ shownPath: (p) => p.replace('/store', 'C:\\ProgramData\\RDP Doctor') });
    windows.backupDirFor = (appDir, options) => (options.elevated ? `/store/backups/${options.backupId}` : appDir);
    const planned = engine.plannedBackup('reset-license-cache', TARGET);
    expect(planned.backupDir).toBe(`C:\\ProgramData\\RDP Doctor/backups/${planned.id}`);
    expect(ports.shownPath).toBeDefined();
  });

  it('is not named where the fix cannot run from here (a fix script makes its own folder when it runs)', () => {
    const { ports, engine } = setup();
    const planned = engine.plannedBackup('enable-firewall-rdp', TARGET);
    expect(planned.backupDir).toBeNull();
    expect(backupArgOf(previewFix(ports, 'enable-firewall-rdp', TARGET, planned.backupDir).commands[0]!).backupDir).toBe('<backup folder>');
  });
});

describe("each port's backup folder", () => {
  const unelevated: WindowsPort = { description: 'user', run: () => Promise.resolve({}) };
  const launcher = {} as HelperLauncher;
  const id = '0b0e1a52-5d6a-4c1f-9a57-2f9c2f8f1f0e';

  it("as administrator: the helper's own store under %ProgramData%, whatever the app would choose", () => {
    const windows = new ElevatedWindows({ unelevated, launcher, pipePath: (n) => n, programData: 'C:\\ProgramData' });
    expect(windows.backupDirFor('C:\\Users\\anna\\AppData\\Roaming\\RDP Doctor\\backups\\x', { elevated: true, backupId: id })).toBe(
      `C:\\ProgramData\\RDP Doctor\\backups\\${id}`,
    );
    // Unelevated, the app's own folder; no journal id, or no %ProgramData%: not known before the run.
    expect(windows.backupDirFor('C:\\app\\x', { elevated: false })).toBe('C:\\app\\x');
    expect(windows.backupDirFor('C:\\app\\x', { elevated: true, backupId: '..\\..\\Windows' })).toBeNull();
    const noEnv = new ElevatedWindows({ unelevated, launcher, pipePath: (n) => n, programData: undefined });
    expect(noEnv.backupDirFor('C:\\app\\x', { elevated: true, backupId: id })).toBeNull();
  });

  it("over remoting: the server's %ProgramData%, as the run sends it; the router asks the port the run goes to", () => {
    const session = {} as ScriptSession;
    const remote = new RemoteWindows(session, 'C:\\w.ps1', { host: 'office-pc', transport: 'http', programData: 'D:\\ProgramData' });
    expect(remote.backupDirFor(`C:\\Users\\anna\\AppData\\Roaming\\RDP Doctor\\backups\\${id}`)).toBe(
      `D:\\ProgramData\\RDP Doctor\\backups\\${id}`,
    );
    const router = new RoutingWindows(unelevated, { active: () => remote });
    expect(router.backupDirFor(`/app/${id}`, { elevated: true, side: 'server', where: 'remoting' })).toBe(
      `D:\\ProgramData\\RDP Doctor\\backups\\${id}`,
    );
    expect(router.backupDirFor(`/app/${id}`, { elevated: false, side: 'client' })).toBe(`/app/${id}`);
    // A server run with no place goes nowhere: no folder to name.
    expect(router.backupDirFor(`/app/${id}`, { elevated: true, side: 'server' })).toBeNull();
  });
});
