import { describe, expect, it } from 'vitest';
import type { CheckId } from '../catalog/checks';
import type { Evidence, Finding } from '../results';
import type { AddressProbe } from '../probe-facts';
import { result } from '../../test/support/diagnosis-fixtures';
import { KEY, keyPerms, lockedKey, services } from '../../test/support/server-results';
import { address, attempt, cert, report, tls } from '../../test/probe/fixtures';
import { SYMPTOM_IDS, causesOf } from './causes';
import { rankFindings, whereToLook } from './rank';
import type { Results } from './rule-kit';

/*
 * What each cause predicts, as the user meets it: where a symptom nobody explains says to look,
 * and which causes read on the server the connection test just now contradicts (shown low, with
 * the reason in their words), and which it cannot.
 */

const ev = (checkId: CheckId): Evidence => ({ checkId, label: 'Seen', value: 'seen' });
const finding = (id: string, checkId: CheckId): Finding => ({
  id,
  title: id,
  plain: `${id}.`,
  technical: '',
  likelihood: 'certain',
  score: 90,
  evidence: [ev(checkId)],
  fixIds: [],
});
const wireOf = (...addresses: AddressProbe[]): Results => ({ 'rdp-handshake': result('rdp-handshake', report({ addresses })) });
/** The finding after the connection test's evidence: its words, and whether it was shown low. */
const judged = (f: Finding, r: Results) => {
  const [out] = rankFindings([f], r);
  return { contradicted: out!.contradicted === true, plain: out!.plain, score: out!.score };
};
const PORT_ANSWERED =
  'firewall-blocks-rdp. But the port answered as Remote Desktop from here just now, so this is not what stops your connection now (it may still matter on another network).';

describe('where to look for a symptom nobody explains', () => {
  it('names the places on the server and on this computer that could explain it, each once', () => {
    expect(whereToLook('port-filtered')).toBe('What can cause this: on the server, its firewall.');
    expect(whereToLook('port-closed')).toBe(
      'What can cause this: on the server, whether Remote Desktop is switched on, the Remote Desktop services or the port Remote Desktop listens on.',
    );
    expect(whereToLook('closed-before-negotiation')).toBe(
      'What can cause this: on the server, floods of connection attempts (password-guessing bots), the Remote Desktop services, the port Remote Desktop listens on or a replaced Remote Desktop program file.',
    );
    expect(whereToLook('handshake-refused')).toBe(
      "What can cause this: on the server, its Remote Desktop certificate, the certificate's private key and who may read it, which TLS versions are switched on, its security settings or its FIPS setting.",
    );
    expect(whereToLook('nla-required')).toBe(
      'What can cause this: on the server, its security updates (CredSSP, May 2018), which sign-in methods it accepts or its CredSSP policy; on this computer, the CredSSP policy on this computer, which sign-in methods this computer may use, the sign-in version both computers use or the protected sign-in this computer requires.',
    );
    expect(whereToLook('client-tls-disabled')).toBe('What can cause this: on this computer, TLS versions on both computers.');
    expect(whereToLook('ntlm-blocked-on-wire')).toBe('What can cause this: on the server, which sign-in methods it accepts.');
  });

  it('for every other symptom of the wire, the places that can cause it', () => {
    const certificateAndTls =
      "its Remote Desktop certificate, the certificate's private key and who may read it, which TLS versions are switched on";
    expect(whereToLook('tls-reset')).toBe(
      `What can cause this: on the server, ${certificateAndTls} or floods of connection attempts (password-guessing bots); on this computer, TLS versions on both computers.`,
    );
    expect(whereToLook('tls-refused')).toBe(
      `What can cause this: on the server, ${certificateAndTls} or its FIPS setting; on this computer, TLS versions on both computers.`,
    );
    expect(whereToLook('rdp-security-only')).toBe(
      `What can cause this: on the server, ${certificateAndTls}, its security settings or its FIPS setting.`,
    );
    for (const id of ['old-tls-only', 'tls13-only'])
      expect(whereToLook(id)).toBe(
        'What can cause this: on the server, which TLS versions are switched on; on this computer, TLS versions on both computers.',
      );
    expect(whereToLook('refused-without-reason')).toBe(
      'What can cause this: on the server, floods of connection attempts (password-guessing bots) or a replaced Remote Desktop program file.',
    );
    for (const id of ['no-answer-after-connect', 'tls-stalled'])
      expect(whereToLook(id)).toBe('What can cause this: on the server, floods of connection attempts (password-guessing bots).');
    expect(whereToLook('some-addresses-blocked')).toBe('What can cause this: on the server, its firewall.');
    expect(whereToLook('not-rdp')).toBe('What can cause this: on the server, the port Remote Desktop listens on.');
    expect(whereToLook('broken-rdp-reply')).toBe('What can cause this: on the server, a replaced Remote Desktop program file.');
    for (const id of ['inconsistent-flags', 'user-auth-required'])
      expect(whereToLook(id)).toBe('What can cause this: on the server, its security settings.');
  });

  it('two causes looked for in one place are both named as causes of what they explain', () => {
    // Both are "its security settings": the sentence says it once, the model keeps both.
    expect(causesOf('handshake-refused')).toEqual([
      'certificate-unusable',
      'rdp-key-unreadable',
      'tls-disabled',
      'rdp-security-weakened',
      'security-settings-conflict',
      'fips-required',
    ]);
    expect(causesOf('rdp-security-only')).toContain('rdp-security-weakened');
  });

  it('a symptom is what some cause explains and no cause itself', () => {
    for (const id of ['tls-reset', 'port-filtered', 'nla-required', 'not-rdp', 'inconsistent-flags', 'tls13-only', 'broken-rdp-reply'])
      expect(SYMPTOM_IDS.has(id)).toBe(true);
    for (const id of ['certificate-unusable', 'rdp-services-stopped', 'credssp-policy-blocks', 'rdp-listener-problem'])
      expect(SYMPTOM_IDS.has(id)).toBe(false);
  });

  it('a link that depends on the server: a key it cannot read explains an unusable certificate, unless the key file is gone', () => {
    expect(causesOf('certificate-unusable')).toEqual(['rdp-key-unreadable']);
    expect(causesOf('tls-reset')).toEqual([
      'certificate-unusable',
      'rdp-key-unreadable',
      'tls-disabled',
      'tls-version-mismatch',
      'connection-flood',
    ]);
    expect(causesOf('nothing-explains-this')).toEqual([]);
  });
});

describe('a cause found on the server takes in what it explains', () => {
  /** The ids left after ranking: a finding another explains is taken into it. */
  const standing = (r: Results, ...found: Finding[]) => rankFindings(found, r).map((f) => f.id);
  const keyFile = (over: { regularFile?: boolean; ownerTrusted?: boolean }) =>
    result('server-key-permissions', {
      folder: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys',
      key: {
        container: 'TSSecKeySet1',
        provider: 'CAPI',
        path: KEY,
        exists: true,
        regularFile: true,
        ownerSid: 'S-1-5-18',
        ownerTrusted: true,
        networkServiceCanRead: true,
        ...over,
      },
      files: [],
    });
  const stopped = finding('rdp-services-stopped', 'server-services');
  const keyUnreadable = finding('rdp-key-unreadable', 'server-key-permissions');

  it("KeyIso disabled: Schannel cannot use the key it has, so the services come first, unless the key file's own permissions are wrong", () => {
    const keyIsoOff = services('Running', 'Disabled');
    expect(standing({ 'server-services': keyIsoOff, 'server-key-permissions': keyPerms() }, stopped, keyUnreadable)).toEqual([
      'rdp-services-stopped',
    ]);
    expect(standing({ 'server-services': keyIsoOff }, stopped, keyUnreadable)).toEqual(['rdp-services-stopped']);
    for (const wrong of [lockedKey(), keyFile({ regularFile: false }), keyFile({ ownerTrusted: false })])
      expect(standing({ 'server-services': keyIsoOff, 'server-key-permissions': wrong }, stopped, keyUnreadable).sort()).toEqual([
        'rdp-key-unreadable',
        'rdp-services-stopped',
      ]);
    // The certificate services running: a stopped Remote Desktop service says nothing about the key.
    expect(
      standing({ 'server-services': services('Stopped'), 'server-key-permissions': keyPerms() }, stopped, keyUnreadable).sort(),
    ).toEqual(['rdp-key-unreadable', 'rdp-services-stopped']);
  });

  it('security settings that weaken Remote Desktop take in the refused handshake and the RDP-only answer', () => {
    for (const symptom of ['rdp-security-only', 'handshake-refused'])
      expect(standing({}, finding('rdp-security-weakened', 'server-security-settings'), finding(symptom, 'rdp-handshake'))).toEqual([
        'rdp-security-weakened',
      ]);
  });
});

describe('what the connection test just now contradicts', () => {
  const answered = wireOf(address());
  it('a firewall that blocks Remote Desktop, when the port answered as Remote Desktop from another computer', () => {
    expect(judged(finding('firewall-blocks-rdp', 'server-firewall'), answered)).toEqual({
      contradicted: true,
      plain: PORT_ANSWERED,
      score: 10,
    });
  });

  it('not from this computer itself: firewall rules do not apply to loopback (KB2771908)', () => {
    const loop = wireOf(address({ address: '127.0.0.1' }), address({ address: '::1' }));
    expect(judged(finding('firewall-blocks-rdp', 'server-firewall'), loop).contradicted).toBe(false);
    expect(judged(finding('firewall-blocks-rdp', 'server-firewall'), wireOf(address({ address: '::ffff:127.0.0.1' }))).contradicted).toBe(
      false,
    );
    // One address that is not loopback is enough.
    expect(
      judged(finding('firewall-blocks-rdp', 'server-firewall'), wireOf(address({ address: '127.0.0.1' }), address())).contradicted,
    ).toBe(true);
    // An address that only starts like one, or has 127 further in, is not loopback.
    expect(judged(finding('firewall-blocks-rdp', 'server-firewall'), wireOf(address({ address: '::10' }))).contradicted).toBe(true);
    expect(judged(finding('firewall-blocks-rdp', 'server-firewall'), wireOf(address({ address: '10.127.0.5' }))).contradicted).toBe(true);
    expect(judged(finding('firewall-blocks-rdp', 'server-firewall'), wireOf(address({ address: 'fe80::1' }))).contradicted).toBe(true);
  });

  it('Remote Desktop switched off, when it answered; not when the port only closed or sent no Remote Desktop reply', () => {
    expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), answered).contradicted).toBe(true);
    for (const kind of ['failure', 'legacy', 'rejected'] as const) {
      const confirm =
        kind === 'failure'
          ? ({ kind, code: 5, codeName: 'HYBRID_REQUIRED_BY_SERVER', flags: 0 } as const)
          : kind === 'legacy'
            ? ({ kind } as const)
            : ({ kind, how: 'x224-disconnect', sample: '' } as const);
      const r = wireOf(address({ negotiation: [attempt(3, confirm)], tls: null }));
      expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), r).contradicted).toBe(true);
    }
    const closed = wireOf(address({ negotiation: [attempt(3, { kind: 'closed', afterBytes: 0 })], tls: null }));
    expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), closed).contradicted).toBe(false);
    const notRdp = wireOf(address({ negotiation: [attempt(3, { kind: 'not-rdp', looksLike: 'http', sample: '' })], tls: null }));
    expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), notRdp).contradicted).toBe(false);
    // One answer is enough: of one address's requests, or of the server's addresses.
    const oneOfTwo = address({ negotiation: [attempt(3, { kind: 'closed', afterBytes: 0 }), attempt(0, { kind: 'legacy' })], tls: null });
    expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), wireOf(oneOfTwo)).contradicted).toBe(true);
    const silent = address({ address: 'fe80::5', negotiation: [attempt(3, { kind: 'closed', afterBytes: 0 })], tls: null });
    expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), wireOf(silent, address())).contradicted).toBe(true);
  });

  it('TLS switched off on the server, when it accepted TLS 1.2 just now: says a change needs a restart', () => {
    const out = judged(finding('tls-disabled', 'server-tls-versions'), answered);
    expect(out.contradicted).toBe(true);
    expect(out.plain).toBe(
      'tls-disabled. But the server accepted TLS 1.2 from here just now (a change to these settings takes effect only after a restart), so this is not why it closes the connection now.',
    );
    const only13 = address();
    only13.tlsVersions = only13.tlsVersions.map((v) => ({ ...v, accepted: v.version === 'TLSv1.3' ? 'yes' : 'no' }));
    expect(judged(finding('tls-disabled', 'server-tls-versions'), wireOf(only13)).contradicted).toBe(false);
    // Accepted on one of the server's addresses is accepted.
    expect(judged(finding('tls-disabled', 'server-tls-versions'), wireOf(only13, address({ address: 'fe80::5' }))).contradicted).toBe(true);
  });

  it('an unusable certificate or unreadable key, when TLS worked with a certificate valid now; not with an expired or future one', () => {
    for (const id of ['certificate-unusable', 'rdp-key-unreadable']) {
      expect(judged(finding(id, 'server-certificate'), answered)).toMatchObject({
        contradicted: true,
        plain: `${id}. But the server completed a secure handshake with a valid certificate from here just now, so the certificate is not why it closes the connection now.`,
      });
      for (const bad of [{ expired: true }, { notYetValid: true }]) {
        const r = wireOf(address({ tls: tls({ certificate: cert(bad) }) }));
        expect(judged(finding(id, 'server-certificate'), r).contradicted).toBe(false);
      }
      const failed = wireOf(address({ tls: tls({ outcome: 'reset', certificate: cert() }) }));
      expect(judged(finding(id, 'server-certificate'), failed).contradicted).toBe(false);
      const noCert = wireOf(address({ tls: tls({ certificate: null }) }));
      expect(judged(finding(id, 'server-certificate'), noCert).contradicted).toBe(false);
      // One address that completed it is enough.
      const oneOfTwo = wireOf(address({ address: 'fe80::5', tls: tls({ outcome: 'reset', certificate: null }) }), address());
      expect(judged(finding(id, 'server-certificate'), oneOfTwo).contradicted).toBe(true);
    }
  });

  it('without a connection test, or for a cause it says nothing about, nothing is contradicted', () => {
    expect(judged(finding('rdp-disabled', 'server-rdp-enabled'), {}).contradicted).toBe(false);
    expect(judged(finding('fips-required', 'server-security-settings'), answered).contradicted).toBe(false);
  });
});
