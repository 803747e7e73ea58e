import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elevatedScriptIds, helperAllowList } from '../../electron/main/elevation/allow-list';
import { dotnetUnixPipePath } from '../../electron/main/elevation/elevated-windows';
import { connectToHelper, type HelperConnection } from '../../electron/main/elevation/helper-connection';
// @ts-expect-error plain ESM build script without types
import { writeScriptManifest } from '../../scripts/script-manifest.mjs';

/**
 * The real elevated-helper.ps1 and its real libraries under real pwsh, in a scripts folder of its
 * own. The allow-listed backup, fix and undo scripts there are canaries: each records that it ran
 * (and with which arguments) in canary/ran.jsonl, so "nothing ran" is something a test can see.
 * The manifest is the build's own (scripts/script-manifest.mjs) over that folder, allow-list included.
 */
export const PWSH = findPwsh();

/**
 * pwsh as one process: the dotnet global tool's `pwsh` is a launcher that starts `dotnet pwsh.dll`
 * as a child, so its pid is not PowerShell's $PID, while Start-Process reports powershell.exe's
 * own. The helper's peer checks compare exactly those ids, so the tests start PowerShell itself.
 */
function findPwsh(): { file: string; prefix: string[] } {
  for (const candidate of ['pwsh', join(process.env.HOME ?? '/root', '.dotnet/tools/pwsh')]) {
    const probe = spawnSync(candidate, ['-NoProfile', '-Command', '(Get-Process -Id $PID).Path; $PSHOME'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const [host, home] = probe.stdout
      .trim()
      .split('\n')
      .map((l) => l.trim());
    return host!.endsWith('dotnet') ? { file: host!, prefix: [join(home!, 'pwsh.dll')] } : { file: host!, prefix: [] };
  }
  throw new Error('pwsh is not installed: dotnet tool install --global PowerShell --version 7.6.9 (see README).');
}

const ASSETS = join(__dirname, '../../assets/scripts');

function canary(id: string): string {
  const facts = id.startsWith('backup-')
    ? "$file = Join-Path -Path $arguments.backupDir -ChildPath 'saved.reg'\n    Set-Content -LiteralPath $file -Value 'saved'\n    @{ existed = $true; exportPath = $file }"
    : id.startsWith('fix-')
      ? "@{ changed = @('canary changed') }"
      : "@{ restored = @('canary restored') }";
  return `param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\\common.ps1')
Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $line = ConvertTo-Json -InputObject @{ script = '${id}'; args = $arguments } -Compress -Depth 10
    [System.IO.File]::AppendAllText((Join-Path -Path $env:RDP_DOCTOR_CANARY -ChildPath 'ran.jsonl'), $line + [System.Environment]::NewLine)
    ${facts}
}
`;
}

export interface Ran {
  script: string;
  args: Record<string, unknown>;
}

export class HelperFixture {
  readonly base = mkdtempSync(join(tmpdir(), 'rdpd-helper-'));
  readonly scripts = join(this.base, 'scripts');
  readonly store = join(this.base, 'store');
  readonly canaryDir = join(this.base, 'canary');
  private readonly children: ChildProcess[] = [];

  constructor() {
    mkdirSync(join(this.scripts, 'lib'), { recursive: true, mode: 0o700 });
    mkdirSync(this.canaryDir);
    copyFileSync(join(ASSETS, 'elevated-helper.ps1'), join(this.scripts, 'elevated-helper.ps1'));
    for (const lib of readdirSync(join(ASSETS, 'lib'))) copyFileSync(join(ASSETS, 'lib', lib), join(this.scripts, 'lib', lib));
    for (const id of elevatedScriptIds) writeFileSync(join(this.scripts, `${id}.ps1`), canary(id));
    writeScriptManifest(this.scripts, helperAllowList());
  }

  /** What the canary scripts recorded, in order. */
  ran(): Ran[] {
    const log = join(this.canaryDir, 'ran.jsonl');
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Ran);
  }

  /** Changes a script after the manifest was written: it now does something else when run. */
  tamper(relative: string): void {
    const path = join(this.scripts, relative);
    writeFileSync(
      path,
      `${readFileSync(path, 'utf8')}\n[System.IO.File]::WriteAllText((Join-Path -Path $env:RDP_DOCTOR_CANARY -ChildPath 'tampered'), 'ran')\n`,
    );
  }

  /** Adds a script after the manifest was written, one that records it ran. */
  plant(relative: string): void {
    writeFileSync(
      join(this.scripts, relative),
      "[System.IO.File]::WriteAllText((Join-Path -Path $env:RDP_DOCTOR_CANARY -ChildPath 'tampered'), 'ran')\n",
    );
  }

  tamperedRan(): boolean {
    return existsSync(join(this.canaryDir, 'tampered'));
  }

  chmodScripts(mode: number): void {
    chmodSync(this.scripts, mode);
  }

  /**
   * Starts the helper in serve mode as its launch mode would (the arguments Start-Process passes),
   * for the app process appPid. Resolves once pwsh runs; the pipe appears a moment later.
   */
  serve(appPid = process.pid, options: { token?: string; pipeName?: string; allowWeakening?: string } = {}): StartedHelper {
    const pipeName = options.pipeName ?? `rdp-doctor-${randomUUID()}`;
    const token = options.token ?? randomBytes(32).toString('hex');
    // The plain-word arguments the launch mode's command line gives (no -UserSid off Windows).
    const args = ['-Serve', '-PipeName', pipeName, '-AppPid', String(appPid), '-Token', token];
    if (options.allowWeakening) args.push('-AllowWeakening', options.allowWeakening);
    const child = spawn(
      PWSH.file,
      [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-File', join(this.scripts, 'elevated-helper.ps1'), ...args],
      {
        // ProgramData: lib/key-files.ps1 reads it at load time, as every Windows process has it.
        env: {
          ...process.env,
          ProgramData: join(this.base, 'ProgramData'),
          RDP_DOCTOR_TEST_ADMIN_STORE: this.store,
          RDP_DOCTOR_CANARY: this.canaryDir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, pipeName, token, path: dotnetUnixPipePath(pipeName), exited, stderr: () => stderr };
  }

  dispose(): void {
    for (const c of this.children) c.kill('SIGKILL');
    rmSync(this.base, { recursive: true, force: true });
  }
}

export interface StartedHelper {
  child: ChildProcess;
  pipeName: string;
  token: string;
  path: string;
  exited: Promise<number | null>;
  stderr(): string;
}

/** A raw peer on the helper's pipe: writes lines, collects the helper's lines, notices the end. */
export class RawPeer {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly closed: Promise<void>;
  private buffered = '';

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffered += chunk.toString('utf8');
      let nl;
      while ((nl = this.buffered.indexOf('\n')) !== -1) {
        const line = this.buffered
          .slice(0, nl)
          .replace(/^\uFEFF/, '')
          .trim();
        this.buffered = this.buffered.slice(nl + 1);
        if (line) this.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
  }

  /** Connects once the helper has created its pipe (pwsh takes a moment to start). */
  static async connect(path: string, timeoutMs = 15_000): Promise<RawPeer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const socket = await new Promise<Socket | null>((resolve) => {
        const s = connect(path);
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(null));
      });
      if (socket) return new RawPeer(socket);
      if (Date.now() > deadline) throw new Error(`nothing listens on ${path}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  send(message: unknown): void {
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  /** The next line from the helper whose type is one of these. */
  async next(...types: string[]): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = this.lines.findIndex((l) => types.includes(String(l.type)));
      if (found !== -1) return this.lines.splice(found, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${types.join('/')} line; got ${JSON.stringify(this.lines)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Waits until the pipe's socket file exists. */
export async function pipeAppears(path: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} never appeared`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');

/** A run request line as the app sends it. */
export const runLine = (id: number, script: string, backupId: string, encodedArgs = '') => ({
  type: 'run',
  id,
  script,
  backupId,
  encodedArgs,
});

/** The app's real client code, connected to a helper started for this process. */
export async function honestApp(fx: HelperFixture): Promise<{ helper: StartedHelper; connection: HelperConnection }> {
  const helper = fx.serve();
  const connection = await connectToHelper(helper.path, helper.token, helper.child.pid!, 15_000);
  return { helper, connection };
}
