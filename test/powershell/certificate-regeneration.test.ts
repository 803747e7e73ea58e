import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { envelopeOf, runPlan, SCRIPTS_DIR, type Step, type StepResult } from './pwsh';
import { MACHINE_GUID, RDP_KEY_FILE, healthyServer, writeMachine, type MachineState } from './machines';

/*
 * Issue 21, defect 1: certificate regeneration can leave the server with no certificate. When the
 * key file of container TSSecKeySet1 is there but NETWORK SERVICE may not read it (exactly when
 * the key-permission check sends the user here), Windows cannot make a new certificate (events
 * 1057 / 1058, learn.microsoft.com "Troubleshoot Azure VM RDP connection issues by Event ID"). The
 * real backup-rdp-certificate.ps1, fix-regenerate-rdp-certificate.ps1 and check-rdp-certificate.ps1
 * run under pwsh against the fake Windows, which models that failure (test/fake-windows/
 * Certificates.ps1, Invoke-FakeTermServiceStart).
 */

type Files = Record<string, { text?: string; acl?: { owner: string; aces: { sid: string }[] } }>;
/** A listener thumbprint whose certificate is no longer in any store. */
const GONE = '0123456789ABCDEF0123456789ABCDEF01234567';
const midnight = (offset: number) => new Date(Math.floor(Date.now() / 86_400_000 + offset) * 86_400_000).toISOString();

function server(change: (m: MachineState, files: Files, store: Record<string, unknown>[]) => void): MachineState {
  const m = healthyServer();
  const files = m.files as Files;
  const store = (m.certificates as Record<string, Record<string, unknown>[]>)['LocalMachine\\Remote Desktop']!;
  change(m, files, store);
  return m;
}
/** NETWORK SERVICE left out of the TSSecKeySet1 key file. */
const lockKey = (files: Files) => {
  files[RDP_KEY_FILE]!.acl!.aces = files[RDP_KEY_FILE]!.acl!.aces.filter((a) => a.sid !== 'S-1-5-20');
};

const machines = {
  // The certificate expired; Windows could not replace it because its key file is locked.
  expiredLocked: server((_m, files, store) => {
    Object.assign(store[0]!, { notBefore: midnight(-200), notAfter: midnight(-20) });
    lockKey(files);
  }),
  // An earlier attempt removed the certificate without its key: no certificate, a locked key file left.
  goneLocked: server((m, files, store) => {
    store.length = 0;
    m.tsGeneralSetting = { SSLCertificateSHA1Hash: GONE, SSLCertificateSHA1HashType: 1 };
    lockKey(files);
  }),
  // No certificate, no key file when backed up; a locked key file put back afterwards (not laid out yet).
  appearedLocked: server((m, files, store) => {
    store.length = 0;
    m.tsGeneralSetting = { SSLCertificateSHA1Hash: GONE, SSLCertificateSHA1HashType: 1 };
    const acl = files[RDP_KEY_FILE]!.acl!;
    files[RDP_KEY_FILE] = { acl: { ...acl, aces: acl.aces.filter((a) => a.sid !== 'S-1-5-20') } };
  }),
  // Win32_TSGeneralSetting has no RDP-Tcp instance (as briefly while the services restart).
  noSetting: server((m) => {
    delete m.tsGeneralSetting;
  }),
  // A group policy chooses the certificate (SSLCertificateSHA1HashType 2).
  policy: server((m) => {
    m.tsGeneralSetting = { SSLCertificateSHA1Hash: '@rdp', SSLCertificateSHA1HashType: 2 };
  }),
};

const script = (name: string) => join(SCRIPTS_DIR, name);
let results: StepResult[] = [];
const at: Record<string, number> = {};

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-regenerate-'));
  // Puts the key file a state describes (but has not laid out) on disk, as an administrator restoring it would.
  const putBack = join(dir, 'put-back-key-file.ps1');
  await writeFile(
    putBack,
    [
      'param([string]$EncodedArgs)',
      `$path = Join-Path -Path $env:ProgramData -ChildPath 'Microsoft/Crypto/RSA/MachineKeys/f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}'`,
      '$null = New-Item -ItemType Directory -Path (Split-Path -Path $path -Parent) -Force',
      "[System.IO.File]::WriteAllText($path, 'RSA key container')",
      '[Console]::Out.WriteLine(\'{"ok":true,"facts":{}}\')',
    ].join('\n'),
  );
  const steps: Step[] = [];
  const push = (name: string, step: Step) => {
    at[name] = steps.push(step) - 1;
  };
  for (const [name, state] of Object.entries(machines)) {
    push(`${name}:load`, { op: 'load', ...(await writeMachine(state, name, dir)) });
    push(`${name}:before`, { op: 'snapshot' });
    push(`${name}:backup`, {
      op: 'run',
      script: script('backup-rdp-certificate.ps1'),
      args: { backupDir: join(dir, `${name}-backup`) },
      elevated: true,
    });
    if (name === 'appearedLocked') push(`${name}:putBack`, { op: 'run', script: putBack, args: {}, elevated: true });
    if (name === 'policy') push(`${name}:afterBackup`, { op: 'snapshot' });
    const fixArgs = name === 'policy' ? { backup: { thumbprint: null, exportPath: null } } : {};
    push(`${name}:fix`, {
      op: 'run',
      script: script('fix-regenerate-rdp-certificate.ps1'),
      args: fixArgs,
      elevated: true,
      ...(name === 'policy' ? {} : { backupFrom: at[`${name}:backup`]! }),
    });
    push(`${name}:check`, { op: 'run', script: script('check-rdp-certificate.ps1'), args: {}, elevated: true });
    push(`${name}:after`, { op: 'snapshot' });
  }
  results = await runPlan(steps);
}, 180_000);

const answer = (name: string) => envelopeOf(results[at[name]!]!);
const machine = (name: string) => JSON.parse(results[at[name]!]!.snapshot!) as Record<string, unknown> & { files: Files };
const certificateStatus = (name: string) => evaluate('server-certificate', answer(name).facts).status;

describe('fix-regenerate-rdp-certificate.ps1: the key first, then a new certificate, or the truth', () => {
  it('an expired certificate whose key file is locked: removed with its key, and Windows makes a new one that works', () => {
    expect(answer('expiredLocked:backup')).toMatchObject({
      ok: true,
      facts: { keyFile: { exists: true, fileId: expect.stringMatching(/^0x[0-9a-f]+$/) } },
    });
    const fix = answer('expiredLocked:fix');
    expect(fix.ok).toBe(true);
    const facts = fix.facts as { changed: string[]; newThumbprint: string | null };
    expect(facts.changed[0]).toMatch(
      new RegExp(`^Removed certificate [0-9A-F]{40} and its private key \\(f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}\\)`),
    );
    expect(facts.newThumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(facts.changed.at(-1)).toBe(`Windows created certificate ${facts.newThumbprint}`);
    expect(certificateStatus('expiredLocked:check')).toBe('pass');
    // The new key file is Windows' own: NETWORK SERVICE may read it again.
    expect(answer('expiredLocked:check').facts).toMatchObject({
      store: [{ key: { container: 'TSSecKeySet1', exists: true, regularFile: true, ownerTrusted: true, networkServiceCanRead: true } }],
    });
  });

  it('no certificate but its locked key file left behind: the key file goes, and Windows makes a new certificate', () => {
    expect(answer('goneLocked:backup')).toMatchObject({
      ok: true,
      facts: { thumbprint: GONE, exportPath: null, keyFile: { exists: true } },
    });
    const fix = answer('goneLocked:fix');
    expect(fix).toMatchObject({ ok: true, facts: { newThumbprint: expect.stringMatching(/^[0-9A-F]{40}$/) } });
    expect((fix.facts as { changed: string[] }).changed[0]).toBe(
      `Removed the key file f686aace6942fb7f7ceb231212eef4a4_${MACHINE_GUID}, which no certificate used`,
    );
    expect(certificateStatus('goneLocked:check')).toBe('pass');
  });

  it('when Windows still cannot make one, it fails with event 1057 in its words and says what it cannot put back', () => {
    expect(answer('appearedLocked:putBack')).toEqual({ ok: true, facts: {} });
    const fix = answer('appearedLocked:fix');
    expect(fix.ok).toBe(false);
    expect(fix.error?.message).toMatch(
      /^Windows did not create a new Remote Desktop certificate\. Windows logged: event 1057: The RD Session Host Server has failed to create a new self signed certificate .*Keyset does not exist What was done: Restarted SessionEnv and TermService\. Remote Desktop has no usable certificate now.*cannot be put back/,
    );
    // The key file that appeared after the backup was left as it was.
    expect(machine('appearedLocked:after').files[RDP_KEY_FILE]).toEqual(machine('appearedLocked:before').files[RDP_KEY_FILE]);
    expect(certificateStatus('appearedLocked:check')).toBe('fail');
  });

  it('no listener setting to read: no error about a missing property, but the plain truth after waiting, and the key file is left', () => {
    const fix = answer('noSetting:fix');
    expect(fix).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /^Windows did not create a new Remote Desktop certificate\. Windows logged no reason\. What was done: Restarted SessionEnv and TermService\./,
        ),
      },
    });
    expect(machine('noSetting:after').files[RDP_KEY_FILE]).toEqual(machine('noSetting:before').files[RDP_KEY_FILE]);
  });

  it('a certificate a group policy chose: backup and fix refuse, and nothing changes (no service restarts)', () => {
    for (const step of ['policy:backup', 'policy:fix'])
      expect(answer(step)).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/^Remote Desktop uses a certificate chosen by a group policy.*Nothing was changed\.$/) },
      });
    expect(machine('policy:after')).toEqual(machine('policy:before'));
  });
});
