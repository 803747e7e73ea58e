import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { WindowsError, type RunOptions, type WindowsPort } from '../../electron/main/ports';
import { PowerShellSession } from '../../electron/main/powershell/session';
import { psLiteral } from '../../electron/main/powershell/literal';
import { RemoteWindows, remoteBackupDir, remoteCommand } from '../../electron/main/remote/remote-windows';
import { RoutingWindows } from '../../electron/main/remote/router';
import { RemoteService, type RemoteSession } from '../../electron/main/remote/service';
import { scriptSide } from '../../electron/main/remote/side';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import type { Attempt } from '../../electron/main/probe/tcp';
import { parseProblems, powershellParser, walk } from '../support/powershell-parser';

// Real PowerShell (and a WinRM server) cannot run here: the remote session runs node-powershell
// for real against test/support/fake-powershell.mjs, whose invoke-remote.ps1 stands in for
// remoting to a made-up server and reads the credentials from its environment, as the real one.
const FAKE = join(__dirname, '../support/fake-powershell.mjs');
const WRAPPER = "C:\\Program Files\\RDP Doctor's\\resources\\scripts\\invoke-remote.ps1";
const PASSWORD = 'correct horse battery staple';

const sessions: RemoteSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

const openPort = async (address: string): Promise<Attempt> => ({ address, state: 'open', ms: 1, error: null });

function service(platform = 'win32') {
  return new RemoteService({
    platform,
    wrapperPath: WRAPPER,
    reachability: { connect: openPort },
    startSession: (env) => {
      const s = new PowerShellSession({ executable: FAKE, timeoutMs: 10_000, env });
      sessions.push(s);
      return s;
    },
    texts: () => loadScriptTexts(join(__dirname, '../../assets/scripts')),
  });
}

/** A local port that records what ran on it. */
function recorder(description: string) {
  const runs: Array<{ script: string; options: RunOptions }> = [];
  const port: WindowsPort & { runs: typeof runs; batches: number } = {
    description,
    runs,
    batches: 0,
    async run(script, _args, options) {
      runs.push({ script, options });
      return { ranOn: description };
    },
    async batch(work) {
      port.batches += 1;
      return work();
    },
  };
  return port;
}

describe('the remote command line', () => {
  it('is one line: the wrapper and one base64 argument; host and script travel inside it, credentials never', async () => {
    const host = "srv'01$(Stop-Computer)";
    const line = remoteCommand(WRAPPER, host, 'http', { action: 'run', script: 'check-firewall-rdp.ps1', scriptArgs: 'e30=' });
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toMatch(/^& '(?:[^']|'')*' -EncodedArgs '[A-Za-z0-9+/=]+'$/);
    expect(line.startsWith(`& ${psLiteral(WRAPPER)} `)).toBe(true);
    expect(line).not.toContain('srv');
    const decoded = JSON.parse(Buffer.from(/'([A-Za-z0-9+/=]+)'$/.exec(line)![1]!, 'base64').toString('utf8'));
    expect(decoded).toEqual({ action: 'run', script: 'check-firewall-rdp.ps1', scriptArgs: 'e30=', computerName: host, useSsl: false });

    const tree = (await powershellParser()).parse(line)!;
    expect(parseProblems(tree.rootNode)).toEqual([]);
    const commands = [...walk(tree.rootNode)].filter((n) => n.type === 'command');
    expect(commands).toHaveLength(1);
  });

  it("remote backups go under the server's ProgramData, named like the local folder", () => {
    expect(remoteBackupDir('C:\\ProgramData', 'C:\\Users\\me\\AppData\\Roaming\\RDP Doctor\\backups/6f1c')).toBe(
      'C:\\ProgramData\\RDP Doctor\\backups\\6f1c',
    );
  });
});

describe('the router', () => {
  it('sends server runs where the caller says the server is, never here by default; client runs always stay here', async () => {
    const local = recorder('local');
    const remote = recorder('remote');
    let active: WindowsPort | null = null;
    const router = new RoutingWindows(local, { active: () => active });
    // No decision, or remoting without a session: refused, and this computer runs nothing.
    await expect(router.run('check-firewall-rdp', {} as never, { elevated: false, side: 'server' })).rejects.toThrow(/not running there/);
    await expect(router.run('check-firewall-rdp', {} as never, { elevated: false, side: 'server', where: 'remoting' })).rejects.toThrow(
      /session .* has ended/,
    );
    expect(local.runs).toHaveLength(0);
    // This computer is the server.
    await router.run('check-firewall-rdp', {} as never, { elevated: false, side: 'server', where: 'here' });
    expect(local.runs).toHaveLength(1);
    active = remote;
    expect(router.description).toBe('local; server checks: remote');
    await router.run('check-firewall-rdp', {} as never, { elevated: false, side: 'server', where: 'remoting' });
    await router.run('check-firewall-rdp', {} as never, { elevated: true, side: 'client', where: 'remoting' });
    await router.run('check-firewall-rdp', {} as never, { elevated: false });
    expect(remote.runs.map((r) => r.options.side)).toEqual(['server']);
    expect(local.runs.map((r) => r.options.side)).toEqual(['server', 'client', undefined]);
    active = null;
    await router.run('check-firewall-rdp', {} as never, { elevated: false, side: 'server', where: 'here' });
    expect(local.runs).toHaveLength(4);
  });

  it("batches on this computer's port (its one administrator prompt)", async () => {
    const local = recorder('local');
    const router = new RoutingWindows(local, { active: () => null });
    expect(await router.batch(async () => 42)).toBe(42);
    expect(local.batches).toBe(1);
  });

  it("the catalog tells each script's side", () => {
    expect(scriptSide('check-firewall-rdp')).toBe('server');
    expect(scriptSide('backup-rdp-certificate')).toBe('server');
  });
});

describe('the remote service against the stand-in PowerShell', () => {
  it('connects, then runs server scripts on the server with the given credentials', async () => {
    const remote = service();
    const outcome = await remote.connect({ host: 'srv01', username: 'CONTOSO\\admin', password: PASSWORD });
    expect(outcome).toMatchObject({
      connected: true,
      problem: null,
      status: { connected: true, host: 'srv01', computerName: 'SRV01', transport: 'http', isAdmin: true },
    });
    expect(outcome.message).toMatch(/Connected to srv01 \(SRV01/);
    const port = remote.active() as RemoteWindows;
    expect(port).toBeInstanceOf(RemoteWindows);
    const facts = (await port.run(
      'backup-firewall-rdp',
      { backupDir: 'C:\\Users\\me\\RDP Doctor\\backups\\abc' },
      { elevated: true, side: 'server' },
    )) as Record<string, unknown>;
    expect(facts).toMatchObject({
      ranOn: 'srv01',
      script: scripts['backup-firewall-rdp'].file,
      args: { backupDir: 'C:\\ProgramData\\RDP Doctor\\backups\\abc' },
    });
  });

  it('says "not an administrator there" when the account is not one', async () => {
    const outcome = await service().connect({ host: 'srv01', username: 'CONTOSO\\viewer', password: PASSWORD });
    expect(outcome.connected).toBe(true);
    expect(outcome.message).toMatch(/not an administrator there/);
  });

  it('a wrong password: access denied in plain English, not connected, the session ended', async () => {
    const remote = service();
    const outcome = await remote.connect({ host: 'srv01', username: 'CONTOSO\\admin', password: 'wrong' });
    expect(outcome).toMatchObject({ connected: false, problem: 'access-denied' });
    expect(remote.active()).toBeNull();
    expect(remote.status().connected).toBe(false);
  });

  it('an IP address over HTTP: TrustedHosts, with the command for this computer', async () => {
    const outcome = await service().connect({ host: '10.0.0.9', username: '10.0.0.9\\Administrator', password: PASSWORD });
    expect(outcome).toMatchObject({ connected: false, problem: 'trusted-hosts', fix: { where: 'this computer' } });
    expect(outcome.fix!.command).toBe("Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value '10.0.0.9' -Concatenate -Force");
  });

  it('Kerberos and an unreachable WinRM are explained', async () => {
    expect((await service().connect({ host: 'kerberos.contoso.com', username: 'CONTOSO\\admin', password: PASSWORD })).problem).toBe(
      'kerberos',
    );
    expect((await service().connect({ host: 'srv02.unreachable', username: 'CONTOSO\\admin', password: PASSWORD })).problem).toBe(
      'firewall',
    );
  });

  it('WinRM ports closed: says so before any PowerShell starts', async () => {
    let started = 0;
    const remote = new RemoteService({
      platform: 'win32',
      wrapperPath: WRAPPER,
      reachability: { connect: async (address) => ({ address, state: 'refused', ms: 1, error: 'ECONNREFUSED' }) },
      startSession: () => {
        started += 1;
        throw new Error('must not start');
      },
      texts: () => ({ libraries: {}, files: {} }),
    });
    const outcome = await remote.connect({ host: 'srv01', username: 'u', password: 'p' });
    expect(outcome).toMatchObject({ connected: false, problem: 'not-enabled' });
    expect(started).toBe(0);
  });

  it('not on Windows: WinRM answers, but remoting needs Windows here; use the fix script', async () => {
    const remote = new RemoteService({
      platform: 'linux',
      wrapperPath: WRAPPER,
      reachability: { connect: openPort },
      startSession: null,
      texts: () => ({ libraries: {}, files: {} }),
    });
    const outcome = await remote.connect({ host: 'srv01', username: 'u', password: 'p' });
    expect(outcome).toMatchObject({ connected: false, problem: 'no-windows' });
    expect(outcome.message).toMatch(/Make a fix script/);
  });

  it('refuses to run a script of this computer remotely, and arguments the catalog does not allow', async () => {
    const remote = service();
    await remote.connect({ host: 'srv01', username: 'CONTOSO\\admin', password: PASSWORD });
    const port = remote.active()!;
    const clientScript = (Object.keys(scripts) as Array<keyof typeof scripts>).find((s) => scriptSide(s) === 'client');
    if (clientScript) await expect(port.run(clientScript, {} as never, { elevated: false })).rejects.toMatchObject({ kind: 'bad-request' });
    await expect(port.run('backup-firewall-rdp', { backupDir: '' } as never, { elevated: true })).rejects.toBeInstanceOf(WindowsError);
  });

  it('disconnect ends the PowerShell process, and server runs over remoting are refused, not sent here', async () => {
    const remote = service();
    await remote.connect({ host: 'srv01', username: 'CONTOSO\\admin', password: PASSWORD });
    const local = recorder('local');
    const router = new RoutingWindows(local, remote);
    expect(router.description).toContain('PowerShell remoting to srv01');
    expect(await remote.disconnect()).toMatchObject({ connected: false });
    await expect(router.run('check-firewall-rdp', {} as never, { elevated: false, side: 'server', where: 'remoting' })).rejects.toThrow(
      /has ended/,
    );
    expect(local.runs).toHaveLength(0);
  });
});
