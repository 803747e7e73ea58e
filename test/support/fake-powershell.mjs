#!/usr/bin/env node
// A stand-in for powershell.exe that misbehaves on demand (real pwsh runs in test/powershell/).
// It speaks node-powershell's stdin protocol for real: [Console]::Out /
// Error.WriteLine("delimiter") lines and `& '<script>' -EncodedArgs '<b64>'` invocations. What a
// "script" does is chosen by its file name, so the session wrapper's process handling (start,
// timeout, crash, restart, output, encodings) is tested against a real child process.
//
// invoke-remote.ps1 plays PowerShell remoting to a server. With RDP_DOCTOR_FAKE_SERVER set (JSON:
// pwsh, statePath, root: a machine the simulation wrote, FakeWindowsComputer.machineFiles()), its
// 'run' runs the real check script there, in pwsh with the fake Windows loaded, as the simulated
// local server runs it (electron/main/simulated/fake-windows-port.ts): a remoting run shows the
// server's real results. Without it, 'run' echoes what it was sent (transport tests).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

let hung = false;
const rl = createInterface({ input: process.stdin });
const WRITE = /^\[Console\]::(Out|Error)\.WriteLine\("(.*)"\)$/;
const INVOKE = /^& '((?:[^']|'')*)' -EncodedArgs '([A-Za-z0-9+/=]*)'$/;

const out = (s) => process.stdout.write(`${s}\n`);
const fail = (message, type = 'System.Management.Automation.Remoting.PSRemotingTransportException') =>
  out(JSON.stringify({ ok: false, error: { message, type } }));

// The password invoke-remote.ps1's stand-in accepts; anything else is "Access is denied".
const REMOTE_PASSWORD = 'correct horse battery staple';

// What a healthy server's firewall scripts answer over remoting (plus what the run echoes).
const RDP_TCP = {
  name: 'RemoteDesktop-UserMode-In-TCP',
  displayName: 'Remote Desktop - User Mode (TCP-In)',
  enabled: true,
  profiles: ['Any'],
  protocol: 'TCP',
};
const REMOTE_FACTS = {
  'check-firewall-rdp.ps1': { activeProfiles: ['Domain'], rules: [RDP_TCP] },
  'backup-firewall-rdp.ps1': { rules: [{ name: RDP_TCP.name, enabled: false }] },
  'fix-enable-firewall-rdp.ps1': { changed: [`Enabled firewall rule ${RDP_TCP.name}`] },
  'undo-enable-firewall-rdp.ps1': { restored: [`Firewall rule ${RDP_TCP.name} set back to enabled=False`] },
};

const HERE = dirname(fileURLToPath(import.meta.url));
const SCRIPTS_DIR = join(HERE, '..', '..', 'assets', 'scripts');
const FAKE_MODULE = join(HERE, '..', 'fake-windows', 'FakeWindows.psm1');
const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * The server reached over remoting, when the test gave one: a pwsh child with the fake Windows
 * module and the server's machine loaded, started on the first run and kept (one run at a time:
 * the lines are handled in order). Its output up to an end marker is one run's.
 */
let server = null;
function fakeServer() {
  if (server) return server;
  const given = JSON.parse(process.env.RDP_DOCTOR_FAKE_SERVER);
  const child = spawn(given.pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffered = '';
  let waiting = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const end = buffered.indexOf('FAKE-SERVER-END');
    if (end === -1 || !waiting) return;
    const output = buffered.slice(0, end);
    buffered = buffered.slice(buffered.indexOf('\n', end) + 1);
    const done = waiting;
    waiting = null;
    done(output);
  });
  child.stdin.write(
    `Import-Module -Name ${quote(FAKE_MODULE)}; Use-FakeMachine -Path ${quote(given.statePath)} -Root ${quote(given.root)}\n`,
  );
  server = {
    run: (line) =>
      new Promise((resolve) => {
        waiting = resolve;
        child.stdin.write(`${line}; [Console]::Out.WriteLine('FAKE-SERVER-END')\n`);
      }),
    end: () => child.stdin.end(),
  };
  return server;
}

/**
 * One script run on the fake server as remoting runs it there: an administrator's session is not
 * filtered by UAC, a standard user's is. Only check scripts: a fix would write its backups to a
 * Windows path (C:\ProgramData\...), which is no path for pwsh off Windows.
 */
async function runOnFakeServer(script, scriptArgs, isAdmin) {
  if (!/^check-[a-z0-9-]+\.ps1$/.test(script)) {
    return fail(`The stand-in runs only check scripts on the simulated server, not ${script}.`, 'Fake.NotSimulated');
  }
  const output = await fakeServer().run(
    `Set-FakeElevation -Elevated $${isAdmin ? 'true' : 'false'}; & ${quote(join(SCRIPTS_DIR, script))} -EncodedArgs ${quote(scriptArgs)}`,
  );
  // What invoke-remote.ps1 prints: the script's last JSON line.
  const answers = output.split(/\r?\n/).filter((l) => l.trim().startsWith('{'));
  if (answers.length === 0)
    return fail('The script printed no result on the remote computer.', 'System.Management.Automation.RuntimeException');
  return out(answers.at(-1).trim());
}

/**
 * invoke-remote.ps1: PowerShell remoting to a made-up server. The credentials come only from the
 * environment (RDP_DOCTOR_REMOTE_CREDENTIAL), as in the real wrapper; what the line carries is
 * checked too. Host names choose the failure: *.unreachable → WinRM cannot complete the
 * operation, an IPv4 address over HTTP → TrustedHosts, kerberos.* → a Kerberos error.
 */
async function invokeRemote(args) {
  const secret = process.env.RDP_DOCTOR_REMOTE_CREDENTIAL;
  const line = JSON.stringify(args);
  if (/password|userName/i.test(line)) return fail('The command line carried credentials.', 'Fake.LeakedCredentials');
  const host = String(args.computerName);
  if (host.endsWith('.unreachable')) {
    return fail(
      `WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network, and that a firewall exception for the WinRM service is enabled and allows access from this computer.`,
    );
  }
  if (args.action === 'probe')
    return out(JSON.stringify({ ok: true, facts: { answered: true, productVersion: 'OS: 10.0.20348 SP: 0.0 Stack: 3.0' } }));
  if (!secret) return fail('No credentials were given for the remote computer.', 'System.Management.Automation.RuntimeException');
  const given = JSON.parse(Buffer.from(secret, 'base64').toString('utf8'));
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) && !args.useSsl) {
    return fail(
      `Connecting to remote server ${host} failed with the following error message : The WinRM client cannot process the request. Default authentication may be used with an IP address under the following conditions: the transport is HTTPS or the destination is in the TrustedHosts list, and explicit credentials are provided.`,
    );
  }
  if (host.startsWith('kerberos.')) {
    return fail(
      `Connecting to remote server ${host} failed with the following error message : WinRM cannot process the request. The following error with errorcode 0x80090311 occurred while using Kerberos authentication: We can't sign you in with this credential because your domain isn't available.`,
    );
  }
  if (given.password !== REMOTE_PASSWORD) {
    return fail(
      `Connecting to remote server ${host} failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.`,
    );
  }
  if (args.action === 'connect') {
    return out(
      JSON.stringify({
        ok: true,
        facts: {
          // $env:COMPUTERNAME of the computer reached: its NetBIOS name, upper case (office-pc → OFFICE-PC).
          computerName: host.split('.')[0].toUpperCase(),
          isAdmin: given.userName !== 'CONTOSO\\viewer',
          psVersion: '5.1.20348.2849',
          programData: 'C:\\ProgramData',
        },
      }),
    );
  }
  if (args.action === 'run' && process.env.RDP_DOCTOR_FAKE_SERVER) {
    return runOnFakeServer(String(args.script), String(args.scriptArgs), given.userName !== 'CONTOSO\\viewer');
  }
  if (args.action === 'run') {
    const scriptArgs = JSON.parse(Buffer.from(String(args.scriptArgs), 'base64').toString('utf8'));
    const facts = { ...(REMOTE_FACTS[args.script] ?? {}), ranOn: host, script: args.script, args: scriptArgs, pid: process.pid };
    return out(JSON.stringify({ ok: true, facts }));
  }
  return fail(`Unknown action ${args.action}`, 'System.Management.Automation.RuntimeException');
}

// One line at a time, in order: a remote run answers before the delimiter lines that follow it.
let handled = Promise.resolve();
rl.on('line', (line) => {
  // A line that throws is reported as PowerShell would report it, and the next lines still run.
  handled = handled.then(() => handle(line)).catch((e) => process.stderr.write(`${e?.message ?? e}\n`));
});
// PowerShell and the fake Windows take seconds to start on a busy machine: the server's session
// starts with the stand-in, while the user is still typing a password.
if (process.env.RDP_DOCTOR_FAKE_SERVER) fakeServer();
rl.on('close', () => {
  void handled.then(() => server?.end());
});

async function handle(line) {
  if (hung) return;
  const write = WRITE.exec(line);
  if (write) {
    (write[1] === 'Out' ? process.stdout : process.stderr).write(`${write[2]}\n`);
    return;
  }
  if (line.startsWith('[Console]::OutputEncoding')) return;
  const invoke = INVOKE.exec(line);
  if (!invoke) {
    process.stderr.write(`The term '${line.slice(0, 30)}' is not recognized\n`);
    return;
  }
  const script = invoke[1].replace(/''/g, "'").split(/[\\/]/).pop();
  const args = JSON.parse(Buffer.from(invoke[2], 'base64').toString('utf8'));
  switch (script) {
    case 'echo.ps1':
      out(JSON.stringify({ ok: true, facts: { args, pid: process.pid } }));
      break;
    case 'warn.ps1':
      process.stderr.write('WARNING: something noisy\n');
      out(JSON.stringify({ ok: true, facts: { warned: true } }));
      break;
    case 'fail.ps1':
      out(JSON.stringify({ ok: false, error: { message: 'The device is not ready.', type: 'System.IO.IOException' } }));
      break;
    case 'denied.ps1':
      out(JSON.stringify({ ok: false, error: { message: 'Access is denied.', type: 'System.UnauthorizedAccessException' } }));
      break;
    case 'garbage.ps1':
      out('this is not JSON');
      break;
    case 'silent.ps1':
      break;
    case 'hang.ps1':
      hung = true;
      break;
    case 'crash.ps1':
      process.exit(3);
      break;
    case 'invoke-remote.ps1':
      await invokeRemote(args);
      break;
    default:
      process.stderr.write(`The term '${script}' is not recognized\n`);
  }
}
