import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../results';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import { keyFileProblem } from './key-file';
import { KeyPermissionsFactsSchema } from './catalog';

const FOLDER = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const NAME = 'f686aace6942fb7f7ceb231212eef4a4_5d8d1f3c-2b7a-4f0e-9b1a-6f1d2c3e4a5b';
const PATH = `${FOLDER}\\${NAME}`;
const SYSTEM_FULL = { sid: 'S-1-5-18', type: 'Allow' as const, rights: 0x1f01ff, inherited: false };
const NS_READ = { sid: 'S-1-5-20', type: 'Allow' as const, rights: 0x120089, inherited: false };

/** What check-rdp-key-permissions.ps1 answers about the listener's key file (Windows' own, CAPI). */
function facts(o: { adminsShutOut?: boolean; ownerSid?: string | null; aces?: (typeof SYSTEM_FULL)[] | null }) {
  const ownerSid = o.ownerSid === undefined ? 'S-1-5-18' : o.ownerSid;
  return {
    folder: FOLDER,
    certificateThumbprint: 'A'.repeat(40),
    hasPrivateKey: true,
    key: {
      container: 'TSSecKeySet1',
      provider: 'CAPI',
      path: PATH,
      exists: true,
      regularFile: true,
      ownerSid,
      ownerTrusted: ownerSid === null ? null : true,
      networkServiceCanRead: null,
    },
    files: o.aces ? [{ name: NAME, path: PATH, ownerSid, aces: o.aces }] : [],
    ...(o.adminsShutOut === undefined ? {} : { adminsShutOut: o.adminsShutOut }),
  };
}
const result = (f: unknown): CheckResult => ({
  checkId: 'server-key-permissions',
  ...evaluate('server-key-permissions', f),
  facts: f,
  durationMs: 1,
});

describe('the key file shuts out Windows own administrators', () => {
  const shutOut = facts({ adminsShutOut: true, ownerSid: null, aces: null });

  it('is a fail of its own kind, named after the file, saying what Windows sets', () => {
    const problem = keyFileProblem(KeyPermissionsFactsSchema.parse(shutOut));
    expect(problem.kind).toBe('admins-shut-out');
    expect(problem.status).toBe('fail');
    expect(problem.summary).toBe(
      `Even Windows' administrators may not read the permissions of the Remote Desktop key file ${NAME}: they were changed from what Windows sets (SYSTEM and Administrators full control, NETWORK SERVICE read), so Remote Desktop is most likely not allowed to read it either.`,
    );
  });

  it('gives rdp-key-unreadable with the repair, in words that say the administrators were shut out', () => {
    const finding = diagnose([result(shutOut)]).find((f) => f.id === 'rdp-key-unreadable');
    expect(finding).toMatchObject({ likelihood: 'certain', fixIds: ['repair-rdp-key-permissions'] });
    expect(finding!.title).toContain('even administrators were shut out of it');
    expect(finding!.plain).toContain("not even Windows' own administrators may look at them");
    expect(finding!.technical).toContain('/setowner *S-1-5-32-544 /L');
  });

  it('a readable, right ACL with the flag false passes; without the flag (older facts) it is judged as before', () => {
    expect(evaluate('server-key-permissions', facts({ adminsShutOut: false, aces: [SYSTEM_FULL, NS_READ] })).status).toBe('pass');
    expect(evaluate('server-key-permissions', facts({ aces: [SYSTEM_FULL, NS_READ] })).status).toBe('pass');
    const locked = facts({ aces: [SYSTEM_FULL] });
    expect(keyFileProblem(KeyPermissionsFactsSchema.parse(locked)).kind).toBe('acl');
    const finding = diagnose([result(locked)]).find((f) => f.id === 'rdp-key-unreadable');
    expect(finding!.title).toBe("Remote Desktop cannot read its certificate's private key");
  });

  it('a folder or link where the file should be is still refused first, whatever the flag says', () => {
    const planted = { ...shutOut, key: { ...shutOut.key, regularFile: false } };
    expect(keyFileProblem(KeyPermissionsFactsSchema.parse(planted)).kind).toBe('not-regular');
    expect(diagnose([result(planted)]).find((f) => f.id === 'rdp-key-unreadable')?.fixIds).toEqual([]);
  });
});
