import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CREDENTIAL_ENV } from '../../electron/main/remote/credentials';
import { PWSH } from '../elevation/helper-harness';

const INVOKE_REMOTE = join(__dirname, '../../assets/scripts/invoke-remote.ps1');
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64');

/**
 * What the real invoke-remote.ps1 (under pwsh) sends to the server for one script: Invoke-Command
 * (remoting, Windows only) is replaced by a function that keeps the file it was given. Returns
 * that file's text and what invoke-remote.ps1 printed.
 */
export function combinedRemoteScript(fileName: string): { text: string; printed: string } {
  const run = b64({ action: 'run', computerName: 'srv01', useSsl: false, script: fileName, scriptArgs: b64({}) });
  const script = `
    $ErrorActionPreference = 'Stop'
    function Invoke-Command { param($ComputerName, $Credential, $FilePath, $ArgumentList, $UseSSL)
      $global:sent = [System.IO.File]::ReadAllText($FilePath)
      '{"ok":true,"facts":{}}' }
    $global:sent = ''
    & '${INVOKE_REMOTE}' -EncodedArgs '${run}'
    [Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ text = $global:sent }))
  `;
  const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
    env: { ...process.env, ProgramData: '/tmp', [CREDENTIAL_ENV]: b64({ userName: 'u', password: 'p' }) },
  });
  if (out.status !== 0) throw new Error(`pwsh failed: ${out.stderr}`);
  const lines = out.stdout.trim().split('\n');
  const { text } = JSON.parse(lines.at(-1)!) as { text: string };
  return { text, printed: lines.slice(0, -1).join('\n') };
}

/** The `#region lib\x.ps1` names in a generated script, in order: the libraries it carries. */
export const inlinedRegions = (text: string) =>
  [...text.matchAll(/^#region (lib\\[A-Za-z0-9-]+\.ps1)\r?$/gm)].map((m) => m[1]!.replace('\\', '/'));
