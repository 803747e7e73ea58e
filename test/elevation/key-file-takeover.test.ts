import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { diagnose } from '../../shared/diagnosis/rules';
import type { CheckResult } from '../../shared/results';
import { envelopeOf, type StepResult } from '../powershell/pwsh';
import { MACHINE_GUID, RDP_KEY_FILE, healthyServer, type MachineState } from '../powershell/machines';
import { ATTACKER, FULL, READ, STARTUP, ace, play, run, win, type Snapshot } from './key-file-plan';

/*
 * The key file of learn.microsoft.com's "An internal error has occurred when connecting to a
 * remote machine": only SYSTEM on its ACL, owned by SYSTEM. NETWORK SERVICE may not read it, and
 * Windows' administrators may read neither its entries nor its owner (GetNamedSecurityInfo needs
 * READ_CONTROL or ownership). The article's repair: make an administrator the owner, then give
 * NETWORK SERVICE Read and SYSTEM Full control. Here the real check, backup, fix and undo scripts
 * run under pwsh against the fake Windows as the elevated helper and remoting run them (an
 * administrator with a full token), or as a standard user.
 */

const SYSTEM = 'S-1-5-18';
const ADMINS = 'S-1-5-32-544';
const NETWORK_SERVICE = 'S-1-5-20';
const KEY_NAME = `f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}`;

type Files = Record<string, { text?: string; acl?: { owner: string; aces: ReturnType<typeof ace>[] } }>;

/** SRV01 whose Remote Desktop key file has only the entries given (owner SYSTEM), and its Startup folder. */
function shutOutServer(aces = [ace(SYSTEM, FULL)]): MachineState {
  const m = healthyServer();
  const files = m.files as Files;
  files[RDP_KEY_FILE]!.acl = { owner: SYSTEM, aces };
  files[`${STARTUP}/desktop.ini`] = { text: '[.ShellClassInfo]' };
  files[STARTUP] = { acl: { owner: SYSTEM, aces: [ace(SYSTEM, FULL), ace(ADMINS, FULL), ace('S-1-5-32-545', 0x1200a9)] } };
  return m;
}

const envelope = (r: StepResult) => envelopeOf(r);
/** The key file's owner and entries (the fake also keeps whether its DACL is protected). */
const keyAcl = (s: Snapshot) => ({ owner: s.files[RDP_KEY_FILE]!.acl!.owner, aces: s.files[RDP_KEY_FILE]!.acl!.aces });

/** What the app makes of the check's answer: its evaluation and the finding it leads to. */
function diagnosed(facts: unknown) {
  const evaluation = evaluate('server-key-permissions', facts);
  const result = { checkId: 'server-key-permissions', ...evaluation, facts, durationMs: 1 } as CheckResult;
  return { evaluation, finding: diagnose([result]).find((f) => f.id === 'rdp-key-unreadable') };
}

describe('a key file that shuts out Windows own administrators (the internal-error article)', () => {
  it('run as administrator, the check says so itself: a fail whose finding offers the repair', async () => {
    const { results } = await play(shutOutServer(), () => [run('check-rdp-key-permissions.ps1', {}, true)]);
    const answer = envelope(results[0]!);
    expect(answer).toMatchObject({
      ok: true,
      facts: { adminsShutOut: true, files: [], key: { container: 'TSSecKeySet1', ownerSid: null } },
    });
    const { evaluation, finding } = diagnosed(answer.facts);
    expect(evaluation.status).toBe('fail');
    expect(evaluation.summary).toContain(
      `Even Windows' administrators may not read the permissions of the Remote Desktop key file ${KEY_NAME}`,
    );
    expect(finding).toMatchObject({ likelihood: 'certain', fixIds: ['repair-rdp-key-permissions'] });
    expect(finding!.plain).toContain("not even Windows' own administrators may look at them");
  }, 60_000);

  it('run as a standard user, it cannot tell and says who can: unavailable, as before', async () => {
    const { results } = await play(shutOutServer(), () => [run('check-rdp-key-permissions.ps1', {}, false)]);
    const answer = envelope(results[0]!);
    expect(answer.ok).toBe(false);
    expect(answer.error?.type).toBe('System.UnauthorizedAccessException');
    expect(answer.error?.message).toMatch(/^Only administrators can read the permissions of the Remote Desktop key file\./);
  }, 60_000);

  it('a file administrators may read is judged by its entries, not as shut out', async () => {
    const { results } = await play(shutOutServer([ace(SYSTEM, FULL), ace(ADMINS, FULL)]), () => [
      run('check-rdp-key-permissions.ps1', {}, true),
    ]);
    const answer = envelope(results[0]!);
    expect(answer).toMatchObject({ ok: true, facts: { adminsShutOut: false } });
    expect(diagnosed(answer.facts).evaluation.summary).toContain('NETWORK SERVICE may not read it');
  }, 60_000);

  it('backup, repair (owner first), verify, undo: the entries exactly as before, Administrators the owner', async () => {
    const { results, snapshot, backupDir } = await play(shutOutServer(), (dir) => [
      { op: 'snapshot' },
      run('backup-rdp-key-permissions.ps1', { backupDir: dir }, true),
      { op: 'snapshot' },
      run('fix-repair-rdp-key-permissions.ps1', {}, true, 1),
      { op: 'snapshot' },
      run('check-rdp-key-permissions.ps1', {}, true),
      run('undo-repair-rdp-key-permissions.ps1', {}, true, 1),
      { op: 'snapshot' },
    ]);
    const backup = envelope(results[1]!);
    expect(backup).toMatchObject({ ok: true, facts: { files: [{ adminsShutOut: true, ownerSid: null, aces: null }] } });
    // The backup changed nothing.
    expect(snapshot(2)).toEqual(snapshot(0));

    const fix = envelope(results[3]!);
    expect(fix.ok).toBe(true);
    expect((fix.facts as { changed: string[] }).changed).toEqual([
      `Made Administrators the owner of ${KEY_NAME}: Windows' administrators could not read its permissions`,
      `Granted *S-1-5-20:(R) *S-1-5-32-544:(F) on ${KEY_NAME}`,
    ]);
    expect(keyAcl(snapshot(4))).toEqual({ owner: ADMINS, aces: [ace(SYSTEM, FULL), ace(NETWORK_SERVICE, READ), ace(ADMINS, FULL)] });
    // Only that file changed (and the record of what the fix found, in the backup folder).
    const record = JSON.parse((await readFile(join(backupDir, 'machinekeys-acl-0.before-fix.json'), 'utf8')).replace(/^\uFEFF/, '')) as {
      aces: unknown[];
    };
    expect(record.aces).toEqual([{ sid: SYSTEM, type: 'Allow', rights: FULL, inherited: false }]);

    // Verify: the check as administrator now passes.
    const verify = envelope(results[5]!);
    expect(verify).toMatchObject({ ok: true, facts: { adminsShutOut: false } });
    expect(diagnosed(verify.facts).evaluation.status).toBe('pass');

    const undo = envelope(results[6]!);
    expect(undo.ok).toBe(true);
    expect((undo.facts as { restored: string[] }).restored).toEqual([
      `Removed the entry for ${NETWORK_SERVICE} the fix had added on ${KEY_NAME}`,
      `Removed the entry for ${ADMINS} the fix had added on ${KEY_NAME}`,
      `${KEY_NAME} stays owned by Administrators: the owner it had before the fix could not be read, so it cannot be put back`,
    ]);
    expect(keyAcl(snapshot(7)).aces).toEqual(keyAcl(snapshot(0)).aces);
    expect(keyAcl(snapshot(7)).owner).toBe(ADMINS);
    // Nothing but that one file's owner differs from before the backup.
    const rest = (s: Snapshot) => ({ ...s, files: { ...s.files, [RDP_KEY_FILE]: { acl: keyAcl(s).aces } } });
    expect(rest(snapshot(7))).toEqual(rest(snapshot(0)));
  }, 90_000);

  it('a junction planted where the key file was, after the backup: the repair refuses it and changes nothing', async () => {
    const { results, snapshot } = await play(shutOutServer(), (dir) => [
      run('backup-rdp-key-permissions.ps1', { backupDir: dir }, true),
      { op: 'run', script: ATTACKER, args: { path: win(RDP_KEY_FILE), target: win(STARTUP) }, elevated: true },
      { op: 'snapshot' },
      run('fix-repair-rdp-key-permissions.ps1', {}, true, 0),
      { op: 'snapshot' },
    ]);
    expect(envelope(results[0]!)).toMatchObject({ ok: true });
    expect(envelope(results[1]!)).toMatchObject({ ok: true });
    expect(envelope(results[3]!)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^Refusing to change f686aace.*a folder or a link.*Nothing was changed\.$/) },
    });
    expect(snapshot(4)).toEqual(snapshot(2));
    expect(snapshot(4).files[STARTUP]!.acl).toMatchObject({
      owner: SYSTEM,
      aces: [ace(SYSTEM, FULL), ace(ADMINS, FULL), ace('S-1-5-32-545', 0x1200a9)],
    });
  }, 60_000);

  it('a step that fails rolls back: the deny entry it removed comes back, the entries are as before', async () => {
    const before = [ace(NETWORK_SERVICE, READ, 'Deny'), ace(SYSTEM, FULL)];
    const { results, snapshot } = await play(shutOutServer(before), (dir) => [
      run('backup-rdp-key-permissions.ps1', { backupDir: dir }, true),
      // The fix's icacls calls: /setowner, /remove:d, then /grant, which fails.
      { op: 'fault', command: 'icacls.exe@3' },
      run('fix-repair-rdp-key-permissions.ps1', {}, true, 0),
      { op: 'snapshot' },
    ]);
    expect(envelope(results[2]!)).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          new RegExp(
            `^Repairing the permissions of ${KEY_NAME} failed: Injected fault in icacls\\.exe \\(test\\)\\. What it had changed was put back, except its owner \\(Administrators now; the one before could not be read\\)\\.$`,
          ),
        ),
      },
    });
    expect(keyAcl(snapshot(3))).toEqual({ owner: ADMINS, aces: before });
  }, 60_000);
});
