import { describe, expect, it } from 'vitest';
import type { CheckId } from '../../catalog/checks';
import type { CheckResult } from '../../results';
import { evaluate } from '../../diagnosis/evaluate';
import { diagnose } from '../../diagnosis/rules';
import type { KeyFileFacts } from './catalog';

/*
 * The certificate and key-permission checks on the key file the listener certificate names
 * (issue 20 §4), and what the certificate finding offers for a certificate Windows does not make
 * (issue 21, defect 1: SSLCertificateSHA1HashType 2 / 3).
 */
const NOW = '2026-11-21T09:00:00.000Z';
const THUMB = 'B'.repeat(40);
const FOLDER = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const NAME = 'f686aace6942fb7f7ceb231212eef4a4_5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d';
const result = (checkId: CheckId, facts: unknown): CheckResult => ({ checkId, ...evaluate(checkId, facts), facts, durationMs: 1 });

const key = (o: Partial<KeyFileFacts> = {}): KeyFileFacts => ({
  container: 'TSSecKeySet1',
  provider: 'CAPI',
  path: `${FOLDER}\\${NAME}`,
  exists: true,
  regularFile: true,
  ownerSid: 'S-1-5-18',
  ownerTrusted: true,
  networkServiceCanRead: true,
  ...o,
});
const missing = key({ exists: false, regularFile: null, ownerSid: null, ownerTrusted: null, networkServiceCanRead: null });

function certificate(k: KeyFileFacts, o: { hashType?: number; notAfter?: string } = {}) {
  const c = {
    thumbprint: THUMB,
    subject: 'CN=srv',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: o.notAfter ?? '2027-06-01T00:00:00.000Z',
    hasPrivateKey: true,
    keyReadable: k.exists ? k.networkServiceCanRead : null,
    keyFile: k.exists ? k.path : null,
    key: k,
  };
  const my = (o.hashType ?? 1) >= 2;
  return result('server-certificate', {
    listenerThumbprint: THUMB,
    hashType: o.hashType ?? 1,
    store: my ? [] : [c],
    myStore: my ? [c] : [],
    now: NOW,
  });
}
function keyPermissions(k: KeyFileFacts, aces = [{ sid: 'S-1-5-18', type: 'Allow' as const, rights: 0x1f01ff, inherited: false }]) {
  const files = k.exists && k.regularFile ? [{ name: NAME, path: k.path!, ownerSid: k.ownerSid, aces }] : [];
  return result('server-key-permissions', { folder: FOLDER, certificateThumbprint: THUMB, hasPrivateKey: true, key: k, files });
}
const readable = [
  { sid: 'S-1-5-18', type: 'Allow' as const, rights: 0x1f01ff, inherited: false },
  { sid: 'S-1-5-20', type: 'Allow' as const, rights: 0x120089, inherited: false },
];

describe('a key file missing while the certificate still says it has one', () => {
  it('fails both checks, in plain words naming the container and the file', () => {
    const cert = certificate(missing);
    const keys = keyPermissions(missing);
    expect(cert.status).toBe('fail');
    expect(cert.summary).toBe(
      `The Remote Desktop certificate says it has a private key, but its key file (container TSSecKeySet1, ${NAME}) is missing from the server, so it cannot be used.`,
    );
    expect(keys.status).toBe('fail');
    expect(keys.summary).toMatch(
      new RegExp(
        `^The certificate says it has a private key, but its key file ${NAME} \\(container TSSecKeySet1, CAPI, missing\\) is missing`,
      ),
    );
  });

  it('is one finding, certificate-unusable, with both checks as evidence and the regeneration as its fix (no permission repair)', () => {
    const findings = diagnose([certificate(missing), keyPermissions(missing)]);
    expect(findings.map((f) => f.id)).toEqual(['certificate-unusable']);
    expect(findings[0]!.evidence.map((e) => e.checkId)).toEqual(['server-certificate', 'server-key-permissions']);
    expect(findings[0]!.evidence.every((e) => e.value.includes(NAME))).toBe(true);
    expect(findings[0]!.fixIds).toEqual(['regenerate-rdp-certificate']);
    expect(findings[0]!.plain).toMatch(/private key file is gone from the server/);
  });

  it('is found from the key-permission check alone too', () => {
    const [f] = diagnose([keyPermissions(missing)]);
    expect(f?.id).toBe('certificate-unusable');
    expect(f?.fixIds).toEqual(['regenerate-rdp-certificate']);
  });

  it('a key file that is there and readable passes both', () => {
    expect(certificate(key()).status).toBe('pass');
    expect(keyPermissions(key(), readable).status).toBe('pass');
    expect(diagnose([certificate(key()), keyPermissions(key(), readable)])).toEqual([]);
  });
});

describe('something that is not the key Windows made, where the key file should be', () => {
  it.each([
    [
      'a junction',
      key({ regularFile: false, ownerSid: null, ownerTrusted: null, networkServiceCanRead: null }),
      /there is a folder or a link/,
    ],
    ['a file a user owns', key({ ownerSid: 'S-1-5-21-1-2-3-1013', ownerTrusted: false }), /not owned by SYSTEM or Administrators/],
  ])('%s: rdp-key-unreadable, with its evidence, and no fix that would change it', (_name, k, summary) => {
    const keys = keyPermissions(k);
    expect(keys.status).toBe('fail');
    expect(keys.summary).toMatch(summary);
    const findings = diagnose([certificate(k), keys]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-key-unreadable']);
    expect(findings[0]!.fixIds).toEqual([]);
    expect(findings[0]!.evidence.map((e) => e.checkId)).toEqual(['server-key-permissions', 'server-certificate']);
    expect(findings[0]!.plain).toMatch(/RDP Doctor does not change it/);
  });

  it("a locked key file that is Windows' own: the permission repair, with the key file as evidence", () => {
    const findings = diagnose([certificate(key({ networkServiceCanRead: false })), keyPermissions(key({ networkServiceCanRead: false }))]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-key-unreadable']);
    expect(findings[0]!.fixIds).toEqual(['repair-rdp-key-permissions']);
    expect(findings[0]!.evidence.find((e) => e.checkId === 'server-key-permissions')?.value).toMatch(/NETWORK SERVICE may not read it/);
  });
});

describe('a certificate Windows does not make is never offered for regeneration', () => {
  it.each([
    [2, /group policy chooses this certificate/, /Server authentication certificate template/],
    [3, /An administrator installed this certificate/, /Set-CimInstance/],
  ])('hash type %i, expired: the right action instead', (hashType, plain, technical) => {
    const [f] = diagnose([certificate(key(), { hashType, notAfter: '2026-11-14T00:00:00.000Z' })]);
    expect(f?.id).toBe('certificate-unusable');
    expect(f?.fixIds).not.toContain('regenerate-rdp-certificate');
    expect(f?.plain).toMatch(plain);
    expect(f?.technical).toMatch(technical);
  });

  it.each([2, 3])('hash type %i, expiring soon: no regeneration either', (hashType) => {
    const [f] = diagnose([certificate(key(), { hashType, notAfter: '2026-12-01T00:00:00.000Z' })]);
    expect(f?.title).toMatch(/expires soon/);
    expect(f?.fixIds).toEqual([]);
  });

  it('a self-signed one expiring soon is still offered the regeneration', () => {
    const [f] = diagnose([certificate(key(), { notAfter: '2026-12-01T00:00:00.000Z' })]);
    expect(f?.fixIds).toEqual(['regenerate-rdp-certificate']);
  });
});
