import { describe, expect, it } from 'vitest';
import { findingOf } from '../../../test/support/rule-alone';
import { goodAces, cert, lockedKey, handshake, keyPerms, result, KEY, THUMB } from '../../../test/support/server-results';
import { keyFileProblems, serverKeyPermissionsDiagnosis } from './diagnosis';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import type { KeyFileFacts } from '../server-certificate/catalog';
import type { Ace } from './catalog';

describe('server-key-permissions', () => {
  it('judge the key file ACL by SID: NETWORK SERVICE read, no deny, SYSTEM full', () => {
    expect(keyFileProblems(goodAces)).toEqual([]);
    expect(
      keyFileProblems([
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false },
        { sid: 'S-1-1-0', type: 'Allow', rights: 0x120089, inherited: true },
      ]),
    ).toEqual([]);
    expect(keyFileProblems([...goodAces, { sid: 'S-1-5-20', type: 'Deny', rights: 0x1, inherited: false }])[0]).toMatch(
      /deny entry for NETWORK SERVICE/,
    );
    // GENERIC_READ arrives from PowerShell as a negative Int32.
    expect(
      keyFileProblems([
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x10000000, inherited: false },
        { sid: 'S-1-5-20', type: 'Allow', rights: -2147483648, inherited: false },
      ]),
    ).toEqual([]);
    expect(lockedKey().status).toBe('fail');
  });

  it('makes an unreadable key one finding, not a certificate finding and a key finding', () => {
    const findings = diagnose([handshake(3), cert({ keyReadable: false }), lockedKey()]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-key-unreadable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake', 'server-key-permissions', 'server-certificate']);
    expect(findings[0]?.fixIds).toEqual(['repair-rdp-key-permissions']);
  });

  it('joins an expired certificate and the locked key that kept it from renewing', () => {
    const findings = diagnose([cert({ notAfter: '2026-11-14T00:00:00.000Z', keyReadable: false }), lockedKey()]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings[0]?.evidence.map((e) => e.checkId)).toEqual(['server-certificate', 'server-key-permissions']);
    expect(findings[0]?.fixIds).toEqual(['repair-rdp-key-permissions', 'regenerate-rdp-certificate']);
  });
});

const FOLDER = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const keyFile = (o: Partial<KeyFileFacts> = {}): KeyFileFacts => ({
  container: 'TSSecKeySet1',
  provider: 'CAPI',
  path: KEY,
  exists: true,
  regularFile: true,
  ownerSid: 'S-1-5-18',
  ownerTrusted: true,
  networkServiceCanRead: false,
  ...o,
});
/** The key-permission check on the key file the listener certificate names (SYSTEM alone may read it unless told). */
const keyCheck = (key: KeyFileFacts, o: { aces?: Ace[]; adminsShutOut?: boolean } = {}) => {
  const listed = key.exists === true && key.regularFile === true && !o.adminsShutOut;
  const files = listed
    ? [{ name: key.path!.split('\\').at(-1)!, path: key.path!, ownerSid: key.ownerSid, aces: o.aces ?? lockedAces }]
    : [];
  return result('server-key-permissions', {
    folder: FOLDER,
    certificateThumbprint: THUMB,
    hasPrivateKey: true,
    key,
    files,
    adminsShutOut: o.adminsShutOut,
  });
};
const lockedAces: Ace[] = [{ sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false }];
const rule = (...results: CheckResult[]) => findingOf(serverKeyPermissionsDiagnosis, ...results);

describe('server-key-permissions: what it finds, by what the key file is', () => {
  it('reads the key file check as its one line says', () => {
    expect(keyPerms()).toMatchObject({
      status: 'pass',
      summary: 'NETWORK SERVICE can read the Remote Desktop key file and SYSTEM has full control.',
    });
    expect(lockedKey().summary).toMatch(
      /^The Remote Desktop key file f686aace6942fb7f7ceb231212eef4a4_1234 has the wrong permissions: NETWORK SERVICE may not read it/,
    );
  });

  it('offers to give NETWORK SERVICE back its read permission on the default key file, certain', () => {
    const f = rule(keyCheck(keyFile()), cert());
    expect(f?.id).toBe('rdp-key-unreadable');
    expect(f?.title).toBe("Remote Desktop cannot read its certificate's private key");
    expect(f?.plain).toMatch(/^The certificate is fine, but Remote Desktop is not allowed to read its private key\./);
    expect(f?.technical).toMatch(
      /^The key file the listener certificate names \(container TSSecKeySet1: f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys\) lacks Read for NETWORK SERVICE/,
    );
    expect(f?.learnMore).toMatch(/learn\.microsoft\.com/);
    expect([f?.likelihood, f?.score]).toEqual(['certain', 97]);
    expect(f?.evidence.map((e) => [e.checkId, e.label])).toEqual([['server-key-permissions', 'Key file']]);
    expect(f?.fixIds).toEqual(['repair-rdp-key-permissions']);
    // Failure 3 from the probe beside it: the probe's word first, and more certain still.
    const withProbe = rule(handshake(3), keyCheck(keyFile()), cert());
    expect(withProbe?.score).toBe(99);
    expect(withProbe?.evidence.map((e) => e.checkId)).toEqual(['rdp-handshake', 'server-key-permissions']);
  });

  it("names a CA's or a policy's key file by its path, CNG or CSP", () => {
    const cng = rule(keyCheck(keyFile({ provider: 'CNG', path: 'C:\\ProgramData\\Microsoft\\Crypto\\Keys\\7a3e_cng' })));
    expect(cng?.technical).toMatch(
      /^The key file the listener certificate names \(a CNG key of a certificate from a CA or policy: C:\\ProgramData\\Microsoft\\Crypto\\Keys\\7a3e_cng, found with certutil -store\)/,
    );
    const csp = rule(keyCheck(keyFile({ path: `${FOLDER}\\0c1d2e3f_5f1a` })));
    expect(csp?.technical).toMatch(
      /^The key file the listener certificate names \(a CSP key of a certificate from a CA or policy: .*0c1d2e3f_5f1a, found with certutil -store\)/,
    );
    expect(csp?.fixIds).toEqual(['repair-rdp-key-permissions']);
  });

  it('takes ownership first when even administrators were shut out of the key file', () => {
    const f = rule(keyCheck(keyFile({ ownerSid: null, ownerTrusted: null, networkServiceCanRead: null }), { adminsShutOut: true }));
    expect(f?.title).toBe("Remote Desktop cannot read its certificate's private key: even administrators were shut out of it");
    expect(f?.plain).toMatch(/The repair makes the Administrators group the file's owner/);
    expect(f?.technical).toMatch(/icacls <file> \/setowner \*S-1-5-32-544 \/L/);
    expect([f?.likelihood, f?.score]).toEqual(['certain', 97]);
    expect(f?.fixIds).toEqual(['repair-rdp-key-permissions']);
  });

  it('changes nothing where something other than a Windows key file sits: a folder, a link, or a file a stranger owns', () => {
    for (const strange of [keyFile({ regularFile: false }), keyFile({ ownerSid: 'S-1-5-21-1-2-3-1001', ownerTrusted: false })]) {
      const f = rule(keyCheck(strange));
      expect(f?.title).toBe("Something other than Windows' key file sits where the certificate's key should be");
      expect(f?.plain).toMatch(/RDP Doctor does not change it/);
      expect(f?.technical).toMatch(/Standard users may create entries in MachineKeys \(KB 278381\)/);
      expect(f?.evidence.map((e) => e.label)).toEqual(['Key file']);
      expect(f?.fixIds).toEqual([]);
    }
  });

  it('sends an administrator to Manage Private Keys when only the certificate says its key is unreadable', () => {
    const c = cert({ keyReadable: false });
    const f = rule(c, keyPerms());
    expect(f?.title).toBe("Remote Desktop cannot read its certificate's private key");
    expect(f?.plain).toMatch(
      /may not be allowed to read its private key\. On the server, open the computer's certificates, choose "Manage Private Keys"/,
    );
    expect(f?.technical).toMatch(/^The certificate reports its private key unreadable for NETWORK SERVICE \(S-1-5-20\)\. certlm\.msc/);
    expect(f?.evidence).toEqual([{ checkId: 'server-certificate', label: 'Certificate', value: c.summary }]);
    expect(f?.fixIds).toEqual([]);
  });

  it('reads a failed key check without facts (an older report) as the permission problem it meant', () => {
    const old: CheckResult = {
      checkId: 'server-key-permissions',
      status: 'fail',
      summary: 'NETWORK SERVICE may not read it.',
      durationMs: 1,
    };
    expect(rule(old)?.fixIds).toEqual(['repair-rdp-key-permissions']);
  });

  it('leaves a key file that is gone, or a certificate broken for another reason, to the certificate finding', () => {
    expect(
      rule(keyCheck(keyFile({ exists: false, regularFile: null, ownerSid: null, ownerTrusted: null, networkServiceCanRead: null }))),
    ).toBeNull();
    expect(rule(keyCheck(keyFile()), cert({ notAfter: '2026-11-14T00:00:00.000Z' }))).toBeNull();
    expect(rule(keyPerms(), cert())).toBeNull();
    expect(rule()).toBeNull();
  });
});
