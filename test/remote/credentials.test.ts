import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildReport, reportHtml, reportText } from '../../shared/report/session-report';
import type { FixOutcome, ScanResult } from '../../shared/results';
import { createHandlers, type HandlerTable } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { PowerShellSession } from '../../electron/main/powershell/session';
import { CREDENTIAL_ENV, exposureNote, RemoteCredentials } from '../../electron/main/remote/credentials';
import { PWSH } from '../elevation/helper-harness';
import { RoutingWindows } from '../../electron/main/remote/router';
import { RemoteService, type RemoteSession } from '../../electron/main/remote/service';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import { ServerLocator } from '../../electron/main/server-place/locator';
import { hostsResolver } from '../support/hosts';
import { loopbackAddress, type ServerAddress } from '../../electron/main/simulated/listener';
import { createSimulatedPorts, SIMULATED_LAPTOP } from '../../electron/main/simulated/simulated-ports';

const FAKE = join(__dirname, '../support/fake-powershell.mjs');
const TRUSTED = 'file:///app/index.html';
const USER = 'CONTOSO\\helpdesk-zebra';
const PASSWORD = 'correct horse battery staple';
/** Every form the secret could leak in: as typed, lower-cased, and as the encoded environment value. */
const secrets = () => [
  PASSWORD,
  USER,
  'helpdesk-zebra',
  'correct horse',
  Buffer.from(PASSWORD).toString('base64'),
  new RemoteCredentials(USER, PASSWORD).environmentValue().slice(0, 24),
];

function expectNoSecret(what: string, text: string) {
  for (const s of secrets()) expect(text.includes(s), `${what} contains "${s}"`).toBe(false);
}

let rdp: ServerAddress;
let rdpPort = 0;
beforeAll(async () => {
  rdp = await loopbackAddress();
  rdpPort = rdp.port;
});
afterAll(() => rdp.close());

const sessions: RemoteSession[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

function setup() {
  const { ports: base, windows: local } = createSimulatedPorts(
    'firewall-rule-disabled',
    {},
    {
      targetPort: rdpPort,
      listeners: [rdp],
      resolve: hostsResolver({ srv01: ['127.0.0.1'] }),
    },
  );
  const remote = new RemoteService({
    platform: 'win32',
    wrapperPath: 'C:\\RDP Doctor\\scripts\\invoke-remote.ps1',
    reachability: { connect: async (address) => ({ address, state: 'open', ms: 1, error: null }) },
    startSession: (env) => {
      const s = new PowerShellSession({ executable: FAKE, timeoutMs: 10_000, env });
      sessions.push(s);
      return s;
    },
    texts: () => loadScriptTexts(join(__dirname, '../../assets/scripts')),
  });
  const ports = {
    ...base,
    remote,
    windows: new RoutingWindows(local, remote),
    servers: new ServerLocator(SIMULATED_LAPTOP, remote),
  };
  const table = createHandlers(ports);
  const call = (channel: string, payload: unknown) =>
    dispatch(table as HandlerTable, channel, payload, { url: TRUSTED }, TRUSTED, { emit: () => undefined });
  return { ports, local, remote, table, call };
}

describe('the credentials helpdesk gives', () => {
  it('cannot be printed or serialized by accident, and are gone after wipe()', () => {
    const c = new RemoteCredentials(USER, PASSWORD);
    for (const text of [JSON.stringify({ c }), inspect(c), String(c), `${c}`, JSON.stringify(c)])
      expectNoSecret('the credentials object', text);
    const decoded = JSON.parse(Buffer.from(c.environmentValue(), 'base64').toString('utf8'));
    expect(decoded).toEqual({ userName: USER, password: PASSWORD });
    c.wipe();
    expect(() => c.environmentValue()).toThrow(/wiped/);
  });

  it('reach PowerShell only through its environment, never a command line', async () => {
    const { remote } = setup();
    const invoke = vi.spyOn(PowerShellSession.prototype, 'invoke');
    await remote.connect({ host: 'srv01', username: USER, password: PASSWORD });
    expect(invoke).toHaveBeenCalled();
    for (const [line] of invoke.mock.calls) {
      expectNoSecret('a PowerShell line', line);
      expectNoSecret('a PowerShell line, decoded', Buffer.from(/'([A-Za-z0-9+/=]+)'$/.exec(line)?.[1] ?? '', 'base64').toString('utf8'));
    }
    expect(CREDENTIAL_ENV).toBe('RDP_DOCTOR_REMOTE_CREDENTIAL');
  });

  it('never come back over IPC, nor reach the journal, the scan, the reports or the console', async () => {
    const { call, ports } = setup();
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => inspect(a)).join(' ')));
    }
    const answers: unknown[] = [];
    const ask = async (channel: string, payload: unknown) => {
      const res = await call(channel, payload);
      answers.push(res);
      return res;
    };

    // A wrong password first, then the right one.
    const refused = await ask('connectRemote', { host: 'srv01', username: USER, password: 'wrong horse' });
    expect(refused).toMatchObject({ ok: true, value: { connected: false, problem: 'access-denied' } });
    const connected = await ask('connectRemote', { host: 'srv01', username: USER, password: PASSWORD });
    expect(connected).toMatchObject({ ok: true, value: { connected: true } });
    await ask('remoteStatus', {});

    // The scan runs the server checks over remoting; a fix is applied and undone there.
    // The scan's target is the computer remoting is connected to: its server checks run there.
    const target = { host: 'srv01', port: rdpPort };
    const scanRes = (await ask('runScan', { target, audience: 'helpdesk' })) as { ok: true; value: ScanResult };
    const firewall = scanRes.value.results.find((r) => r.checkId === 'server-firewall')!;
    expect(firewall.status).toBe('pass'); // the server's answer, not the simulated machine's disabled rule
    const fixRes = (await ask('applyFix', { fixId: 'enable-firewall-rdp', target })) as { ok: true; value: FixOutcome };
    expect(fixRes.value.status).toBe('fixed');
    expect(fixRes.value.changed).toEqual(['Enabled firewall rule RemoteDesktop-UserMode-In-TCP']);
    await ask('undoFix', { journalId: fixRes.value.journalId });
    await ask('listJournal', {});
    await ask('disconnectRemote', {});

    // Invalid requests are refused without repeating what was sent.
    const tooLong = `${PASSWORD} ${'x'.repeat(300)}`;
    const bad = await ask('connectRemote', { host: 'srv01', username: USER, password: tooLong });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    const badType = await ask('connectRemote', { host: 'srv01', username: USER, password: 12345, note: PASSWORD });
    expect(badType).toMatchObject({ ok: false, error: { kind: 'bad-request' } });

    expectNoSecret('IPC answers', JSON.stringify(answers));
    expectNoSecret('the journal', JSON.stringify(await ports.journal.load()));
    const report = buildReport({
      version: '0',
      backend: ports.windows.description,
      now: new Date(),
      scan: scanRes.value,
      outcomes: [fixRes.value],
      undone: {},
    });
    expectNoSecret('the JSON report', JSON.stringify(report));
    expectNoSecret('the HTML report', reportHtml(report));
    expectNoSecret('the ticket text', reportText(report));
    expectNoSecret('the console', logged.join('\n'));
  });
});

describe('the remote PowerShell process after it read the credentials (issue 22, Low 4)', () => {
  it('takes them out of its environment at the first call, so no process it starts inherits them, and keeps using them', async () => {
    // The real invoke-remote.ps1 under pwsh, with Invoke-Command (remoting, Windows only) replaced
    // by a function that records the credential it was given.
    const script = `
      $ErrorActionPreference = 'Stop'
      $global:given = @()
      function Invoke-Command { param($ComputerName, $Credential, $ScriptBlock, $UseSSL)
        $global:given += ,@($Credential.UserName, $Credential.GetNetworkCredential().Password)
        @{ computerName = 'SRV01'; isAdmin = $true; psVersion = '5.1'; programData = 'C:\\ProgramData' } }
      $connect = '${Buffer.from(JSON.stringify({ action: 'connect', computerName: 'srv01', useSsl: false })).toString('base64')}'
      & '${join(__dirname, '../../assets/scripts/invoke-remote.ps1')}' -EncodedArgs $connect | Out-Null
      $inherited = & '${PWSH.file}' ${PWSH.prefix.map((p) => `'${p}'`).join(' ')} -NoProfile -Command '[string]$env:${CREDENTIAL_ENV}'
      & '${join(__dirname, '../../assets/scripts/invoke-remote.ps1')}' -EncodedArgs $connect | Out-Null
      ConvertTo-Json -Compress -InputObject @{ own = [string][Environment]::GetEnvironmentVariable('${CREDENTIAL_ENV}'); child = [string]$inherited; given = $global:given }
    `;
    const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], {
      encoding: 'utf8',
      env: { ...process.env, ProgramData: '/tmp', [CREDENTIAL_ENV]: new RemoteCredentials(USER, PASSWORD).environmentValue() },
    });
    const seen = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { own: string; child: string; given: string[][] };
    expect(seen.own).toBe('');
    expect(seen.child.trim()).toBe('');
    expect(seen.given).toEqual([
      [USER, PASSWORD],
      [USER, PASSWORD],
    ]);
  });
});

describe('another account typed into this Windows session (issue 22, Low 4)', () => {
  it("says what that exposes, without repeating the account typed; silent for the session's own account", () => {
    expect(exposureNote('CONTOSO\\anna', 'CONTOSO\\Anna')).toBeNull();
    expect(exposureNote('CONTOSO\\anna', 'anna')).toBeNull();
    expect(exposureNote('CONTOSO\\anna', 'anna@contoso.com')).toBeNull();
    expect(exposureNote(null, USER)).toBeNull();
    const note = exposureNote('CONTOSO\\anna', USER)!;
    expect(note).toBe(
      `Note: these are not the credentials of CONTOSO\\anna, the Windows account RDP Doctor runs as here. While connected, the password is in this computer's memory under CONTOSO\\anna's account, where any program CONTOSO\\anna runs could read it. Disconnect as soon as you are done. On someone else's computer, prefer "Make a fix script", or start RDP Doctor as your own account ("Run as different user").`,
    );
    expectNoSecret('the note', note);
    expect(exposureNote('OFFICE-PC\\anna', 'CONTOSO\\anna')).not.toBeNull();
  });
});
