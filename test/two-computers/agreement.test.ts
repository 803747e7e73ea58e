import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../shared/results';
import { diagnose } from '../../shared/diagnosis/rules';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { scanVerdict, uncheckedReasons } from '../../shared/diagnosis/verdict';
import { address, cert, report, tls } from '../probe/fixtures';
import type { ProbeReport } from '../../shared/probe-facts';

const handshake = (r: ProbeReport): CheckResult => ({ checkId: 'rdp-handshake', ...evaluate('rdp-handshake', r), facts: r, durationMs: 1 });
const tcp = (r: ProbeReport): CheckResult => ({ checkId: 'tcp-port', ...evaluate('tcp-port', r.tcp), facts: r.tcp, durationMs: 1 });
const firewallOff: CheckResult = (() => {
  const facts = {
    activeProfiles: ['Private'],
    rules: [
      {
        name: 'RemoteDesktop-UserMode-In-TCP',
        displayName: 'Remote Desktop - User Mode (TCP-In)',
        enabled: false,
        profiles: ['Any'],
        protocol: 'TCP',
      },
    ],
  };
  return { checkId: 'server-firewall', ...evaluate('server-firewall', facts), facts, durationMs: 1 };
})();
const certExpired: CheckResult = (() => {
  const facts = {
    listenerThumbprint: 'A'.repeat(40),
    store: [
      {
        thumbprint: 'A'.repeat(40),
        subject: 'CN=srv',
        notBefore: '2025-01-01T00:00:00.000Z',
        notAfter: '2026-11-14T00:00:00.000Z',
        hasPrivateKey: true,
      },
    ],
    now: '2026-11-21T09:00:00.000Z',
  };
  return { checkId: 'server-certificate', ...evaluate('server-certificate', facts), facts, durationMs: 1 };
})();
const filtered = report({
  tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'filtered', ms: 4000, error: null }] },
  addresses: [],
});

describe('findings agree with what the probe saw', () => {
  it('the port answered as Remote Desktop: a disabled firewall rule is not "the cause"', () => {
    const answered = report();
    const findings = diagnose([tcp(answered), handshake(answered), firewallOff]);
    const fw = findings.find((f) => f.id === 'firewall-blocks-rdp')!;
    expect(fw.likelihood).toBe('possible');
    expect(fw.contradicted).toBe(true);
    expect(fw.plain).toMatch(/answered as Remote Desktop from here just now/);
    expect(scanVerdict([tcp(answered), handshake(answered), firewallOff], findings).kind).not.toBe('cause-found');
  });

  it('the port is silently dropped: the same disabled rule is the certain cause', () => {
    const findings = diagnose([tcp(filtered), handshake(filtered), firewallOff]);
    expect(findings[0]).toMatchObject({ id: 'firewall-blocks-rdp', likelihood: 'certain' });
    expect(findings[0]?.contradicted).toBeUndefined();
    expect(scanVerdict([tcp(filtered), firewallOff], findings)).toMatchObject({ kind: 'cause-found' });
  });

  it('a TLS handshake with a valid certificate just now: an expired certificate in the store is not why it closes', () => {
    const ok = report();
    const findings = diagnose([tcp(ok), handshake(ok), certExpired]);
    const c = findings.find((f) => f.id === 'certificate-unusable')!;
    expect(c).toMatchObject({ likelihood: 'possible', contradicted: true });
    expect(c.plain).toMatch(/valid certificate from here just now/);
  });

  it('the probe itself saw the expired certificate: certain, not contradicted', () => {
    const expired = tls({ certificate: cert({ expired: true, daysLeft: -7, validTo: '2026-11-14T00:00:00.000Z' }) });
    const r = report({ addresses: [address({ tls: expired })] });
    const findings = diagnose([tcp(r), handshake(r), certExpired]);
    expect(findings[0]).toMatchObject({ id: 'certificate-unusable', likelihood: 'certain' });
    expect(findings[0]?.contradicted).toBeUndefined();
  });
});

describe('the verdict at the top of the findings', () => {
  const pass = (checkId: CheckResult['checkId']): CheckResult => ({ checkId, status: 'pass', summary: 'ok', durationMs: 1 });
  const notChecked = (checkId: CheckResult['checkId']): CheckResult => ({
    checkId,
    status: 'not-checked',
    summary: 'Not checked from this computer.',
    durationMs: 0,
  });

  it('"No problem found" only when every check ran', () => {
    expect(scanVerdict([pass('dns'), pass('tcp-port')], [])).toEqual({ kind: 'no-problem' });
  });

  it('otherwise "could not check N of M", with the reasons', () => {
    const results = [
      pass('dns'),
      pass('tcp-port'),
      notChecked('server-firewall'),
      notChecked('server-certificate'),
      { ...pass('client-udp'), status: 'error' as const, summary: 'Could not check this: timeout' },
    ];
    expect(scanVerdict(results, [])).toEqual({ kind: 'incomplete', unchecked: 3, of: 5 });
    expect(uncheckedReasons(results, 'office-pc')).toEqual([
      '2 settings are on office-pc and cannot be read from this computer.',
      'Could not check this: timeout',
    ]);
  });
});

describe('one cause, one finding', () => {
  it('the probe saw the handshake reset and the server says its key is unreadable: one finding, the key, with the reset as evidence', () => {
    const reset = report({
      addresses: [address({ tls: tls({ outcome: 'reset', version: null, cipher: null, error: 'ECONNRESET', certificate: null }) })],
    });
    const folder = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
    const name = 'f686aace6942fb7f7ceb231212eef4a4_x';
    // NETWORK SERVICE (S-1-5-20) has no entry: Remote Desktop cannot read the key.
    const keysFacts = {
      folder,
      files: [
        {
          name,
          path: `${folder}\\${name}`,
          ownerSid: 'S-1-5-18',
          aces: [{ sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false }],
        },
      ],
    };
    const keys: CheckResult = {
      checkId: 'server-key-permissions',
      ...evaluate('server-key-permissions', keysFacts),
      facts: keysFacts,
      durationMs: 1,
    };
    const alone = diagnose([tcp(reset), handshake(reset)]);
    expect(alone.map((f) => f.id)).toContain('tls-reset');
    if (keys.status !== 'fail') throw new Error(`fixture: the key check should fail, got ${keys.status}: ${keys.summary}`);
    const both = diagnose([tcp(reset), handshake(reset), keys]);
    expect(both.map((f) => f.id)).not.toContain('tls-reset');
    const key = both.find((f) => f.id === 'rdp-key-unreadable')!;
    expect(key.evidence.map((e) => e.checkId)).toEqual(expect.arrayContaining(['rdp-handshake', 'server-key-permissions']));
  });
});

describe('who answered, from the NLA stage', () => {
  const challenge = (over: Record<string, unknown>) => ({
    targetName: 'CONTOSO',
    netbiosComputer: 'OFFICE-PC',
    netbiosDomain: 'CONTOSO',
    dnsComputer: 'office-pc.contoso.com',
    dnsDomain: 'contoso.com',
    dnsTree: 'contoso.com',
    serverTime: '2026-12-01T10:00:00.000Z',
    clockSkewMs: 0,
    osVersion: { major: 10, minor: 0, build: 20348, ntlmRevision: 15 },
    targetType: 'domain' as const,
    negotiateFlags: 0,
    ...over,
  });
  const withNla = (c: ReturnType<typeof challenge>) =>
    report({
      addresses: [address({ nla: { outcome: 'challenge', credsspVersion: 6, errorCode: null, challenge: c, error: null, ms: 3 } })],
    });

  it('the handshake check names the server as it calls itself, its Windows and its domain', () => {
    const r = withNla(challenge({}));
    const result = handshake(r);
    expect(result.status).toBe('pass');
    expect(result.summary).toMatch(
      /The server calls itself office-pc\.contoso\.com \(Windows Server 2022\), a member of the domain contoso\.com\.$/,
    );
  });

  it('a workgroup computer is said to be in a workgroup; without NLA facts nothing is claimed', () => {
    const wg = withNla(challenge({ netbiosDomain: 'OFFICE-PC', dnsComputer: 'OFFICE-PC', dnsDomain: 'OFFICE-PC', targetType: 'server' }));
    expect(handshake(wg).summary).toMatch(/The server calls itself OFFICE-PC \(Windows Server 2022\), in a workgroup\.$/);
    expect(handshake(report()).summary).not.toMatch(/calls itself/);
  });
});

describe('"A different error now": the code the user reports moves its causes up', () => {
  it('0x204 (socket connect failed) puts the blocked port above a certificate problem; an unknown code changes nothing', () => {
    const blocked = report({
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'filtered', ms: 4000, error: null }] },
      addresses: [],
    });
    const results = [tcp(blocked), handshake(blocked), certExpired];
    const before = diagnose(results);
    expect(before[0]?.id).toBe('certificate-unusable');
    const after = diagnose(results, { networkType: 'home', reportedError: '0x204' });
    expect(after[0]?.id).toBe('firewall-blocks-rdp');
    expect(after[0]?.evidence.at(-1)?.value).toBe(
      '0x204 (disconnectReasonSocketConnectFailed: Windows Sockets connect failed) points to this.',
    );
    expect(diagnose(results, { networkType: 'home', reportedError: '0x9999' }).map((f) => [f.id, f.score])).toEqual(
      before.map((f) => [f.id, f.score]),
    );
  });
});

describe('each finding names its computer', () => {
  const names = { thisPc: 'LAPTOP-JÜRGEN', server: 'office-pc' };
  it("the server's own evidence or fixes: the server; this PC's own evidence only: this PC", async () => {
    const { findingComputer } = await import('../../shared/diagnosis/finding-computer');
    const blocked = report({
      tcp: { port: 3389, attempts: [{ address: '10.0.0.5', state: 'filtered', ms: 4000, error: null }] },
      addresses: [],
    });
    const [fw] = diagnose([tcp(blocked), handshake(blocked), firewallOff]);
    expect(findingComputer(fw!, names)).toBe('office-pc');
    const udpFacts = { policyValue: 1, vpnUp: false };
    const clientOnly = {
      id: 'x',
      title: 't',
      plain: 'p',
      technical: 't',
      likelihood: 'likely' as const,
      score: 50,
      evidence: [{ checkId: 'client-udp' as const, label: 'l', value: JSON.stringify(udpFacts) }],
      fixIds: [],
    };
    expect(findingComputer(clientOnly, names)).toBe('LAPTOP-JÜRGEN');
    const networkOnly = { ...clientOnly, evidence: [{ checkId: 'tcp-port' as const, label: 'l', value: 'v' }] };
    expect(findingComputer(networkOnly, names)).toBe('office-pc');
    // This PC's setting seen against the wire (NTLM denied here, the server reachable only by NTLM): where its fix acts.
    const bothEnds = {
      ...clientOnly,
      evidence: [...clientOnly.evidence, { checkId: 'rdp-handshake' as const, label: 'l', value: 'v' }],
      fixIds: ['allow-ntlm-to-server' as const],
    };
    expect(findingComputer(bothEnds, names)).toBe('LAPTOP-JÜRGEN');
    expect(findingComputer({ ...bothEnds, fixIds: [] }, names)).toBe('office-pc');
  });
});
