import { describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { diagnose } from '../../shared/diagnosis/rules';
import type { CheckResult } from '../../shared/results';
import { envelopeOf, type Step, type StepResult } from '../powershell/pwsh';
import { MACHINE_GUID, RDP_KEY_FILE, healthyServer, type MachineState } from '../powershell/machines';
import { ATTACKER, FULL, READ, STARTUP, ace, play, run, win, type Snapshot } from './key-file-plan';

/*
 * Issue 22, High: a planted "key file" and a junction. A standard user may create files and
 * folders in MachineKeys (KB 278381), and icacls follows a link unless told not to (/L). The
 * attack: plant f686aace6942fb7f7ceb231212eef4a4_1 with an ACL that shuts out NETWORK SERVICE,
 * let an administrator repair "the Remote Desktop key file", swap the planted file for a junction
 * to a system folder, and wait for any undo to apply the planted ACL to that folder as
 * administrator. Here the real check-rdp-key-permissions.ps1, backup-rdp-key-permissions.ps1,
 * fix-repair-rdp-key-permissions.ps1 and undo-repair-rdp-key-permissions.ps1 run under pwsh
 * against the fake Windows, exactly as the elevated helper, remoting and the fix script run them
 * (same files, same arguments); the attacker's steps run as the standard user who planted the file.
 * Only the listener certificate's own key file (container TSSecKeySet1) may ever change.
 */

const USER = 'S-1-5-21-3623811015-3361044348-30300820-1013';
const MACHINE_KEYS = 'ProgramData/Microsoft/Crypto/RSA/MachineKeys';
const PLANTED = `${MACHINE_KEYS}/f686aace6942fb7f7ceb231212eef4a4_1`;

type Files = Record<string, { text?: string; acl?: { owner: string; aces: ReturnType<typeof ace>[] } }>;

/** SRV01 whose own key file lacks NETWORK SERVICE (a real problem the repair is for), plus what the user planted. */
function plantedServer(change?: (files: Files) => void): MachineState {
  const m = healthyServer();
  const files = m.files as Files;
  files[RDP_KEY_FILE]!.acl!.aces = files[RDP_KEY_FILE]!.acl!.aces.filter((a) => a.sid !== 'S-1-5-20');
  // The planted file: the user's own (CREATOR OWNER), NETWORK SERVICE denied, Administrators
  // allowed so that the repair can read and save it.
  files[PLANTED] = {
    text: 'not a key',
    acl: { owner: USER, aces: [ace('S-1-5-20', READ, 'Deny'), ace(USER, FULL), ace('S-1-5-32-544', FULL), ace('S-1-5-18', FULL)] },
  };
  files[`${STARTUP}/desktop.ini`] = { text: '[.ShellClassInfo]' };
  files[STARTUP] = { acl: { owner: 'S-1-5-18', aces: [ace('S-1-5-18', FULL), ace('S-1-5-32-544', FULL), ace('S-1-5-32-545', 0x1200a9)] } };
  change?.(files);
  return m;
}

const attacker = (args: Record<string, unknown>): Step => ({ op: 'run', script: ATTACKER, args, elevated: false });

/** Every file's ACL and every entry on disk that differs between two snapshots. */
function changedBetween(a: Snapshot, b: Snapshot): string[] {
  const paths = new Set([...Object.keys(a.files), ...Object.keys(b.files)]);
  const acl = [...paths].filter((p) => JSON.stringify(a.files[p]?.acl) !== JSON.stringify(b.files[p]?.acl)).map((p) => `acl ${p}`);
  const entries = new Set([...Object.keys(a.disk), ...Object.keys(b.disk)]);
  const disk = [...entries].filter((p) => a.disk[p] !== b.disk[p]).map((p) => `disk ${p}`);
  return [...acl, ...disk].sort();
}
const envelope = (r: StepResult) => envelopeOf(r);

describe('a planted key file and a junction (issue 22, High)', () => {
  it('the check looks only at the key file the certificate names, and the planted file is no finding', async () => {
    const { results } = await play(plantedServer(), () => [run('check-rdp-key-permissions.ps1', {}, true)]);
    const answer = envelope(results[0]!);
    expect(answer.ok).toBe(true);
    const facts = answer.facts as { files: { name: string }[]; key: { container: string; path: string; ownerTrusted: boolean } };
    expect(facts.files.map((f) => f.name)).toEqual([`f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}`]);
    expect(facts.key).toMatchObject({
      container: 'TSSecKeySet1',
      provider: 'CAPI',
      path: expect.stringMatching(new RegExp(`MachineKeys[\\\\/]f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}$`)),
      ownerTrusted: true,
    });
    // The real problem (NETWORK SERVICE left out of the listener's key file) is what it reports.
    const evaluation = evaluate('server-key-permissions', answer.facts);
    expect(evaluation.status).toBe('fail');
    expect(evaluation.summary).toContain(`f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID} has the wrong permissions`);
  }, 60_000);

  it('backup, repair, the swap for a junction, undo: nothing outside that one key file ever changes', async () => {
    const { results, snapshot } = await play(plantedServer(), (backupDir) => [
      { op: 'snapshot' },
      run('backup-rdp-key-permissions.ps1', { backupDir }, true),
      run('fix-repair-rdp-key-permissions.ps1', {}, true, 1),
      { op: 'snapshot' },
      attacker({ path: win(PLANTED), target: win(STARTUP) }),
      { op: 'snapshot' },
      run('undo-repair-rdp-key-permissions.ps1', {}, true, 1),
      { op: 'snapshot' },
    ]);
    for (const i of [1, 2, 6]) expect(envelope(results[i]!), `step ${i}`).toMatchObject({ ok: true });
    expect(envelope(results[4]!)).toMatchObject({ ok: true });
    // The repair changed the listener's key file, and only it.
    expect(changedBetween(snapshot(0), snapshot(3))).toEqual([`acl ${RDP_KEY_FILE}`]);
    // The undo changed nothing but that file back: the Startup folder's ACL is Windows' own.
    expect(changedBetween(snapshot(5), snapshot(7))).toEqual([`acl ${RDP_KEY_FILE}`]);
    expect(snapshot(7).files[STARTUP]).toEqual(snapshot(0).files[STARTUP]);
    expect(snapshot(7).files[RDP_KEY_FILE]).toEqual(snapshot(0).files[RDP_KEY_FILE]);
    expect(snapshot(7).files[PLANTED]).toEqual(snapshot(0).files[PLANTED]);
  }, 60_000);

  it('a file planted under the very name the certificate names (its real key file gone) is refused, and nothing changes', async () => {
    const machine = plantedServer((files) => {
      files[RDP_KEY_FILE] = { text: 'not a key', acl: { owner: USER, aces: [ace(USER, FULL), ace('S-1-5-32-544', FULL)] } };
    });
    const { results, snapshot } = await play(machine, (backupDir) => [
      run('check-rdp-key-permissions.ps1', {}, true),
      { op: 'snapshot' },
      run('backup-rdp-key-permissions.ps1', { backupDir }, true),
      { op: 'snapshot' },
    ]);
    const check = envelope(results[0]!);
    const evaluation = evaluate('server-key-permissions', check.facts);
    expect(evaluation.status).toBe('fail');
    expect(evaluation.summary).toMatch(/not owned by SYSTEM or Administrators.*RDP Doctor does not change it/);
    const result = { checkId: 'server-key-permissions', ...evaluation, facts: check.facts, durationMs: 1 } as CheckResult;
    const finding = diagnose([result]).find((f) => f.id === 'rdp-key-unreadable');
    expect(finding?.fixIds).toEqual([]);
    expect(envelope(results[2]!)).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/^Refusing to change f686aace6942fb7f7ceb231212eef4a4_.*owned by S-1-5-21-.*Nothing was changed\.$/),
      },
    });
    expect(changedBetween(snapshot(1), snapshot(3))).toEqual([]);
  }, 60_000);

  it('the key file replaced after the repair (another file id): the undo refuses and changes nothing', async () => {
    const { results, snapshot } = await play(plantedServer(), (backupDir) => [
      run('backup-rdp-key-permissions.ps1', { backupDir }, true),
      run('fix-repair-rdp-key-permissions.ps1', {}, true, 0),
      { op: 'run', script: ATTACKER, args: { path: win(RDP_KEY_FILE), recreate: true }, elevated: true },
      { op: 'snapshot' },
      run('undo-repair-rdp-key-permissions.ps1', {}, true, 0),
      { op: 'snapshot' },
    ]);
    expect(envelope(results[2]!)).toMatchObject({ ok: true });
    expect(envelope(results[4]!)).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /not the file that was backed up \(its file id changed from 0x[0-9a-f]+ to 0x[0-9a-f]+\).*Nothing was changed\.$/,
        ),
      },
    });
    expect(changedBetween(snapshot(3), snapshot(5))).toEqual([]);
  }, 60_000);
});
