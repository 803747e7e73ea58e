import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PWSH } from './helper-harness';

// The decision behind "only administrators can change this folder" (the store in %ProgramData%,
// the install folder), run under pwsh over access entries shaped as Get-Acl reports them on
// Windows (SIDs, Allow/Deny, FileSystemRights as a number). Get-Acl itself only runs on Windows.
// Rights values: learn.microsoft.com, FileSystemRights enum.
const LIB = join(__dirname, '../../assets/scripts/lib/admin-store.ps1');
const SYSTEM = 'S-1-5-18';
const ADMINS = 'S-1-5-32-544';
const USERS = 'S-1-5-32-545';
const AUTHENTICATED = 'S-1-5-11';
const A_USER = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const FULL = 2032127;
const READ_AND_EXECUTE = 131241;
const CREATE_FILES_AND_FOLDERS = 6; // WriteData | AppendData: what %ProgramData% grants Users

type Rule = { sid: string; type: string; rights: number; inheritOnly?: boolean };

function verdicts(cases: Array<{ owner: string; rules: Rule[] }>): Array<string | null> {
  const script = `
    . '${LIB}'
    $cases = ConvertFrom-Json -InputObject '${JSON.stringify(cases)}'
    $out = @(foreach ($case in $cases) { Get-AclRefusal -OwnerSid $case.owner -Rules @($case.rules) })
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject @($out | ForEach-Object -Process { if ($null -eq $_) { '' } else { $_ } }) -Compress))
  `;
  const out = spawnSync(PWSH.file, [...PWSH.prefix, '-NoProfile', '-NonInteractive', '-Command', script], { encoding: 'utf8' });
  return (JSON.parse(out.stdout) as string[]).map((v) => v || null);
}

describe('Get-AclRefusal', () => {
  it('accepts SYSTEM and Administrators with full control, and read-only entries for anyone', () => {
    const ok = {
      owner: ADMINS,
      rules: [
        { sid: SYSTEM, type: 'Allow', rights: FULL },
        { sid: ADMINS, type: 'Allow', rights: FULL },
        { sid: USERS, type: 'Allow', rights: READ_AND_EXECUTE },
      ],
    };
    const denyOnly = {
      owner: SYSTEM,
      rules: [
        { sid: ADMINS, type: 'Allow', rights: FULL },
        { sid: USERS, type: 'Deny', rights: FULL },
      ],
    };
    expect(verdicts([ok, denyOnly])).toEqual([null, null]);
  });

  it('accepts an install folder under %ProgramFiles% as Windows makes it', () => {
    // What %ProgramFiles% hands down to a folder an elevated installer creates: SYSTEM,
    // Administrators and TrustedInstaller full control, Users and ALL APPLICATION PACKAGES read
    // and execute, and CREATOR OWNER full control as an inherit-only entry.
    const programFiles = {
      owner: ADMINS,
      rules: [
        { sid: 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464', type: 'Allow', rights: FULL },
        { sid: SYSTEM, type: 'Allow', rights: FULL },
        { sid: ADMINS, type: 'Allow', rights: FULL },
        { sid: USERS, type: 'Allow', rights: READ_AND_EXECUTE },
        { sid: 'S-1-15-2-1', type: 'Allow', rights: READ_AND_EXECUTE },
        { sid: 'S-1-3-0', type: 'Allow', rights: 268435456, inheritOnly: true },
      ],
    };
    expect(verdicts([programFiles])).toEqual([null]);
  });

  it('an inherit-only entry grants nothing on the folder itself, but a real one for Users does', () => {
    expect(
      verdicts([
        { owner: ADMINS, rules: [{ sid: USERS, type: 'Allow', rights: FULL, inheritOnly: true }] },
        { owner: ADMINS, rules: [{ sid: USERS, type: 'Allow', rights: FULL }] },
      ]),
    ).toEqual([null, `it lets ${USERS} change it`]);
  });

  it('refuses a folder a standard user made first, or one that lets users add files', () => {
    expect(
      verdicts([
        { owner: A_USER, rules: [{ sid: ADMINS, type: 'Allow', rights: FULL }] },
        {
          owner: ADMINS,
          rules: [
            { sid: ADMINS, type: 'Allow', rights: FULL },
            { sid: USERS, type: 'Allow', rights: CREATE_FILES_AND_FOLDERS },
          ],
        },
        { owner: ADMINS, rules: [{ sid: AUTHENTICATED, type: 'Allow', rights: 0x10000 }] },
        { owner: ADMINS, rules: [{ sid: A_USER, type: 'Allow', rights: 0x40000000 }] },
      ]),
    ).toEqual([
      `it is owned by ${A_USER}, not by SYSTEM or Administrators`,
      `it lets ${USERS} change it`,
      `it lets ${AUTHENTICATED} change it`,
      `it lets ${A_USER} change it`,
    ]);
  });
});
