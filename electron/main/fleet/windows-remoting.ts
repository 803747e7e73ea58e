import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { encodeArgs } from '../powershell/literal';
import { windowsPowerShellPath } from '../powershell/session';
import { CREDENTIAL_ENV, type RemoteCredentials } from '../remote/credentials';
import type { FleetRemoting, FleetRunOptions, RemoteAnswer } from './remoting';

/** The wrapper under assets/scripts that fans the payload out with Invoke-Command. */
export const FLEET_WRAPPER = 'invoke-fleet.ps1';

const LineSchema = z.discriminatedUnion('ok', [
  z.object({ computer: z.string(), ok: z.literal(true), output: z.string(), ms: z.number() }),
  z.object({ computer: z.string(), ok: z.literal(false), error: z.string(), timedOut: z.boolean(), ms: z.number() }),
]);

/**
 * Windows' own remoting engine: one Windows PowerShell process runs invoke-fleet.ps1, which calls
 * Invoke-Command -ComputerName <all> -ThrottleLimit N -FilePath <payload> -AsJob and prints one JSON
 * line per computer as it ends. The credentials (when given; otherwise the signed-in account
 * signs in, Kerberos in a domain) reach that process through its environment, as the remoting
 * view's session does, never through its command line or a file.
 */
export class WindowsFleetRemoting implements FleetRemoting {
  readonly description = 'PowerShell remoting (Invoke-Command)';

  constructor(
    private readonly scriptsDir: string,
    private readonly payload: string,
    private readonly credentials: RemoteCredentials | null,
    private readonly useSsl: boolean,
  ) {}

  async run(computers: readonly string[], options: FleetRunOptions, onAnswer: (answer: RemoteAnswer) => void): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'rdp-doctor-fleet-'));
    const payload = join(dir, 'rdp-doctor-fleet-payload.ps1');
    await writeFile(payload, this.payload);
    const seen = new Set<string>();
    try {
      const child = spawn(
        windowsPowerShellPath(),
        [
          '-NoProfile',
          '-NonInteractive',
          '-ExecutionPolicy',
          'Bypass',
          '-File',
          join(this.scriptsDir, FLEET_WRAPPER),
          '-EncodedArgs',
          encodeArgs({ computers, throttleLimit: options.throttleLimit, timeoutMs: options.timeoutMs, useSsl: this.useSsl, payload }),
        ],
        {
          windowsHide: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...(this.credentials ? { [CREDENTIAL_ENV]: this.credentials.environmentValue() } : {}) },
        },
      );
      const stop = () => child.kill();
      options.signal?.addEventListener('abort', stop, { once: true });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
      const ended = new Promise<number | null>((resolve) => child.once('close', resolve));
      for await (const text of createInterface({ input: child.stdout })) {
        const line = LineSchema.safeParse(
          (() => {
            try {
              return JSON.parse(text) as unknown;
            } catch {
              return null;
            }
          })(),
        );
        if (!line.success) continue;
        seen.add(line.data.computer.toLowerCase());
        onAnswer(line.data);
      }
      await ended;
      options.signal?.removeEventListener('abort', stop);
      // Whatever never answered (the process died, Ctrl+C) is still a row, with the reason.
      const why = stderr.trim().split(/\r?\n/)[0] || 'Windows PowerShell ended before this computer answered.';
      for (const c of computers) if (!seen.has(c.toLowerCase())) onAnswer({ computer: c, ok: false, error: why, timedOut: false, ms: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
