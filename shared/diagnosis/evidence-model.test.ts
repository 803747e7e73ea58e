import { describe, expect, it } from 'vitest';
import type { ServerRdpEvent } from '../checks/server-rdp-events/catalog';
import type { CheckResult, Finding } from '../results';
import { result } from '../../test/support/diagnosis-fixtures';
import { address, attempt, report, tls } from '../../test/probe/fixtures';
import { diagnose } from './rules';
import { mergeSameCause, whereToLook } from './rank';
import { scanVerdict, uncheckedReasons } from './verdict';
import { credsspPatchedByUpdates } from '../checks/server-credssp/diagnosis';

/*
 * The evidence model, as a user meets it: a symptom on the wire never ranks above the cause found
 * on the server that explains it; a symptom nothing explains says where to look and offers no fix;
 * evidence that contradicts a cause lowers it; every finding says why it ranks where it does.
 */

const NOW = '2026-11-21T09:00:00.000Z';
const THUMB = 'A'.repeat(40);

const wire = (over: Parameters<typeof address>[0]) => result('rdp-handshake', report({ addresses: [address(over)] }));
/** SSL selected, then the server resets the connection at the ClientHello. */
const tlsReset = () =>
  wire({
    tls: tls({ outcome: 'reset', version: null, cipher: null, certificate: null, error: 'ECONNRESET' }),
    accepted: { RDP: 'no', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
    tlsVersions: [],
  });
/** TCP connects, then the server closes before answering the X.224 request. */
const closedEarly = () =>
  wire({
    negotiation: [attempt(3, { kind: 'closed', afterBytes: 0 })],
    accepted: { RDP: 'no', SSL: 'no', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' },
    tls: null,
    tlsVersions: [],
  });
/** A healthy TLS handshake with a certificate valid now. */
const healthyWire = () => wire({});
const events = (...e: Array<[ServerRdpEvent['log'], number]>) =>
  result('server-rdp-events', {
    now: NOW,
    events: e.map(([log, id]) => ({ log, id, time: '2026-11-20T10:00:00.000Z', data: {} })),
    unreadable: [],
  });
const pressure = (failedLogonsLastHour: number) =>
  result('server-connection-pressure', { failedLogonsLastHour, maxOutstandingConnections: null, securityLogError: null, now: NOW });
const certificate = (hashType: number) =>
  result('server-certificate', {
    listenerThumbprint: THUMB,
    hashType,
    store: [
      {
        thumbprint: THUMB,
        subject: 'CN=srv',
        notBefore: '2026-01-01T00:00:00.000Z',
        notAfter: '2027-06-01T00:00:00.000Z',
        hasPrivateKey: true,
        keyReadable: true,
        keyFile: null,
      },
    ],
    myStore: [],
    now: NOW,
  });
const schannel = (osVersion: string, tls10: 'off' | 'default') =>
  result('server-tls-versions', {
    protocols: [
      tls10 === 'off'
        ? { version: 'TLS 1.0', keyExists: true, enabled: 0, disabledByDefault: 1 }
        : { version: 'TLS 1.0', keyExists: false, enabled: null, disabledByDefault: null },
      { version: 'TLS 1.1', keyExists: false, enabled: null, disabledByDefault: null },
      { version: 'TLS 1.2', keyExists: true, enabled: 1, disabledByDefault: 0 },
    ],
    osVersion,
  });
const updates = (...hotfixes: Array<[string, string | null]>) =>
  result('server-updates', { hotfixes: hotfixes.map(([id, installedOn]) => ({ id, description: 'Update', installedOn })), now: NOW });
const credssp = (osVersion: string, tspkgVersion: string) => result('server-credssp', { osVersion, tspkgVersion });

const ids = (f: Finding[]) => f.map((x) => x.id);

describe('a symptom never ranks above the cause that explains it', () => {
  it("the server's 1057 (certificate not created) and a TLS reset on the wire: one finding, the certificate, certain, the reset as its evidence", () => {
    const findings = diagnose([tlsReset(), events(['rcm', 1057]), certificate(1)]);
    expect(findings[0]).toMatchObject({ id: 'certificate-unusable', likelihood: 'certain', fixIds: ['regenerate-rdp-certificate'] });
    expect(ids(findings)).not.toContain('tls-reset');
    expect(findings[0]!.evidence.map((e) => e.label)).toEqual(
      expect.arrayContaining(['Logged by the server (last 7 days)', 'TLS handshake']),
    );
    expect(findings[0]!.rankReason).toMatch(
      /Read in the server's event logs, and it explains what the connection test showed just now \(The server hangs up when encryption starts\)/,
    );
  });

  it('a group-policy certificate: the same events, but no regeneration offered (it cannot act on that certificate)', () => {
    const [top] = diagnose([tlsReset(), events(['rcm', 1057]), certificate(2)]);
    expect(top).toMatchObject({ id: 'certificate-unusable', fixIds: [] });
  });

  it('a flood (failed sign-ins and event 1006) and a connection closed before negotiation: the flood first, certain', () => {
    const findings = diagnose([closedEarly(), pressure(3600), events(['rcm', 1006])]);
    expect(findings[0]).toMatchObject({ id: 'connection-flood', likelihood: 'certain' });
    expect(ids(findings)).toEqual(['connection-flood']);
    // Both server places and the wire, each once.
    const checks = findings[0]!.evidence.map((e) => e.checkId);
    expect(new Set(checks)).toEqual(new Set(['server-connection-pressure', 'server-rdp-events', 'rdp-handshake']));
    expect(new Set(findings[0]!.evidence.map((e) => `${e.checkId}|${e.label}|${e.value}`)).size).toBe(findings[0]!.evidence.length);
  });

  it('a cause only "possible" on its own evidence does not explain a symptom away: the symptom stays on top', () => {
    const findings = diagnose([closedEarly(), pressure(60)]);
    expect(ids(findings)).toEqual(['closed-before-negotiation', 'connection-flood']);
    expect(findings[0]!.kind).toBe('symptom');
  });

  it('of two causes that explain one symptom, the stronger takes it; the other keeps only its own evidence', () => {
    const keyLocked = {
      checkId: 'server-key-permissions',
      status: 'fail',
      summary: 'NETWORK SERVICE may not read the key file.',
      durationMs: 1,
    } as CheckResult;
    const findings = diagnose([tlsReset(), pressure(3600), keyLocked]);
    expect(findings[0]!.id).toBe('rdp-key-unreadable');
    expect(findings[0]!.evidence.some((e) => e.checkId === 'rdp-handshake')).toBe(true);
    const flood = findings.find((f) => f.id === 'connection-flood')!;
    expect(flood.evidence.map((e) => e.checkId)).toEqual(['server-connection-pressure']);
  });
});

describe('a symptom nothing explains', () => {
  it('is shown as what it is: no fix, where to look, and why it ranks there', () => {
    const [top] = diagnose([tlsReset()]);
    expect(top).toMatchObject({ id: 'tls-reset', kind: 'symptom', fixIds: [] });
    expect(top!.plain).toContain(whereToLook('tls-reset'));
    expect(whereToLook('tls-reset')).toBe(
      "What can cause this: on the server, its Remote Desktop certificate, the certificate's private key and who may read it, which TLS versions are switched on or floods of connection attempts (password-guessing bots); on this computer, TLS versions on both computers.",
    );
    expect(top!.rankReason).toMatch(/not read, so the cause behind it is not known yet/);
    // With the server's checks read and none of them explaining it, it says so.
    const [checked] = diagnose([tlsReset(), certificate(1)]);
    expect(checked!.rankReason).toMatch(/nothing found in the server's settings or logs explains it/);
  });
});

describe('evidence that contradicts a cause', () => {
  it('lowers even a certain, high finding below everything the evidence supports, and says why', () => {
    const findings = diagnose([healthyWire(), events(['rcm', 1057]), pressure(3600)]);
    const cert = findings.find((f) => f.id === 'certificate-unusable')!;
    expect(cert.contradicted).toBe(true);
    expect(cert.score).toBeLessThanOrEqual(10);
    expect(cert.likelihood).toBe('possible');
    expect(cert.rankReason).toMatch(/contradicts it/);
    expect(findings[0]!.id).toBe('connection-flood');
  });
});

describe('one cause named twice', () => {
  const base: Finding = { id: 'x', title: 'A', plain: 'a', technical: 't', likelihood: 'possible', score: 50, evidence: [], fixIds: [] };
  const ev = (value: string) => ({ checkId: 'server-certificate' as const, label: 'Certificate', value });

  it("keeps the higher score's words, the stronger likelihood, and every piece of evidence once", () => {
    const a = { ...base, title: 'strong words', score: 80, likelihood: 'likely' as const, evidence: [ev('one'), ev('two')] };
    const b = { ...base, title: 'weak words', score: 40, likelihood: 'certain' as const, evidence: [ev('two'), ev('three')] };
    for (const merged of [mergeSameCause(a, b), mergeSameCause(b, a)]) {
      expect(merged.title).toBe('strong words');
      expect(merged.score).toBe(80);
      expect(merged.likelihood).toBe('certain');
      expect(merged.evidence.map((e) => e.value)).toEqual(['one', 'two', 'three']);
    }
  });

  it("lets the part with the computer's own evidence decide the fixes over a part that only saw the wire", () => {
    const onTheWire = {
      ...base,
      score: 100,
      evidence: [{ checkId: 'rdp-handshake' as const, label: 'First reply', value: 'RDP_NEG_FAILURE 3' }],
      fixIds: ['regenerate-rdp-certificate' as const],
    };
    const onTheServer = { ...base, score: 60, evidence: [ev('group policy certificate')], fixIds: [] };
    expect(mergeSameCause(onTheWire, onTheServer).fixIds).toEqual([]);
    expect(mergeSameCause(onTheServer, onTheWire).fixIds).toEqual([]);
    expect(mergeSameCause(onTheWire, { ...onTheWire, fixIds: ['enable-firewall-rdp'] }).fixIds).toEqual([
      'regenerate-rdp-certificate',
      'enable-firewall-rdp',
    ]);
  });
});

describe('Windows Server 2008 R2 / Windows 7 and TLS', () => {
  it('TLS 1.0 off and no KB3080079: certain, no TLS its Remote Desktop can use, no fix that cannot act (the update is the fix)', () => {
    const [top] = diagnose([schannel('6.1.7601', 'off'), updates(['KB2999226', '2019-02-01T00:00:00.000Z'])]);
    expect(top).toMatchObject({ id: 'tls-disabled', likelihood: 'certain', fixIds: [] });
    expect(top!.plain).toMatch(/KB3080079/);
    expect(top!.evidence.map((e) => e.label)).toEqual(['TLS versions', 'Installed updates (no KB3080079)']);
  });

  it('with KB3080079 installed, or TLS 1.0 left on, nothing; updates not read: likely', () => {
    expect(ids(diagnose([schannel('6.1.7601', 'off'), updates(['KB3080079', '2016-01-01T00:00:00.000Z'])]))).toEqual([]);
    expect(ids(diagnose([schannel('6.1.7601', 'default'), updates()]))).toEqual([]);
    expect(diagnose([schannel('6.1.7601', 'off')])[0]).toMatchObject({ id: 'tls-disabled', likelihood: 'likely' });
    // A newer Windows with TLS 1.0 off is fine: TLS 1.2 is there.
    expect(ids(diagnose([schannel('10.0.17763.1', 'off'), updates()]))).toEqual([]);
  });

  it('the check line says what it could not see', () => {
    expect(schannel('6.1.7601', 'off')).toMatchObject({ status: 'warn', summary: expect.stringMatching(/KB3080079/) });
    expect(schannel('10.0.20348.1', 'off').status).toBe('pass');
  });
});

describe('the CredSSP fix on servers older than Windows 10', () => {
  it('read from the installed updates: a named update proves it, a list that ends before March 13, 2018 disproves it, anything else cannot tell', () => {
    expect(credsspPatchedByUpdates('6.3.9600', [{ id: 'KB4103725', installedOn: '2018-05-10T00:00:00.000Z' }])).toBe(true);
    expect(credsspPatchedByUpdates('6.3.9600', [{ id: 'kb4088879', installedOn: null }])).toBe(true);
    expect(credsspPatchedByUpdates('6.3.9600', [{ id: 'KB4012213', installedOn: '2017-03-14T00:00:00.000Z' }])).toBe(false);
    expect(credsspPatchedByUpdates('6.3.9600', [{ id: 'KB4012213', installedOn: '2018-03-12T00:00:00.000Z' }])).toBe(false);
    expect(credsspPatchedByUpdates('6.3.9600', [{ id: 'KB4012213', installedOn: '2018-03-13T00:00:00.000Z' }])).toBeNull();
    expect(credsspPatchedByUpdates('6.3.9600', [{ id: 'KB4012213', installedOn: null }])).toBeNull();
    expect(credsspPatchedByUpdates('6.3.9600', [])).toBeNull();
    expect(credsspPatchedByUpdates('6.1.7601', [{ id: 'KB4088878', installedOn: '2018-03-20T00:00:00.000Z' }])).toBe(true);
    expect(credsspPatchedByUpdates('10.0.14393', [{ id: 'KB4012213', installedOn: '2017-03-14T00:00:00.000Z' }])).toBeNull();
  });

  it('an unpatched 2012 R2 (tspkg.dll before 6.3.9600.18999) gives a finding from the file version', () => {
    const [top] = diagnose([credssp('6.3.9600', '6.3.9600.18692')]);
    expect(top).toMatchObject({ id: 'credssp-outdated', likelihood: 'likely' });
    expect(top!.evidence[0]!.value).toMatch(/tspkg\.dll 6\.3\.9600\.18692 is older than the CredSSP fix/);
  });

  it('an unpatched 2012 R2 whose file version was not read (no update since 2017) gives a finding, with the updates as evidence', () => {
    const findings = diagnose([credssp('6.3.9600', 'unknown'), updates(['KB4012213', '2017-03-14T00:00:00.000Z'])]);
    expect(findings[0]).toMatchObject({ id: 'credssp-outdated', likelihood: 'likely' });
    expect(findings[0]!.evidence[0]!.value).toMatch(/newest update was installed on 2017-03-14, before the CredSSP fix/);
  });
});

describe('the verdict', () => {
  const r = (status: CheckResult['status']) => ({ checkId: 'dns', status, summary: '', durationMs: 0 }) as CheckResult;
  const f = (likelihood: Finding['likelihood']): Finding => ({
    id: 'x',
    title: 'X',
    plain: '',
    technical: '',
    likelihood,
    score: 1,
    evidence: [],
    fixIds: [],
  });

  it('never says "No problem found" with any finding on top, and names a cause only for a likely or certain one', () => {
    expect(scanVerdict([r('pass')], [f('likely')]).kind).toBe('cause-found');
    expect(scanVerdict([r('pass')], [f('certain')]).kind).toBe('cause-found');
    expect(scanVerdict([r('pass')], [f('possible')]).kind).toBe('possible-causes');
    expect(scanVerdict([r('pass')], []).kind).toBe('no-problem');
    expect(scanVerdict([r('pass'), r('error'), r('not-checked')], [])).toEqual({ kind: 'incomplete', unchecked: 2, of: 3 });
    expect(scanVerdict([r('unavailable')], [f('likely')])).toMatchObject({ kind: 'cause-found', unchecked: 1 });
    // A symptom on top is never "the cause", however likely.
    expect(scanVerdict([r('pass')], [{ ...f('certain'), kind: 'symptom' }])).toEqual({ kind: 'possible-causes', unchecked: 0 });
  });

  it('says why checks did not run: the settings on the server first, then each error once with how many checks it stopped', () => {
    const withSummary = (status: CheckResult['status'], summary: string) => ({ ...r(status), summary });
    expect(
      uncheckedReasons(
        [
          withSummary('error', 'PowerShell is blocked.'),
          withSummary('not-checked', ''),
          withSummary('unavailable', 'Access is denied.'),
          withSummary('pass', 'Fine.'),
          withSummary('unavailable', 'Access is denied.'),
          withSummary('not-checked', ''),
        ],
        'office-pc',
      ),
    ).toEqual([
      '2 settings are on office-pc and cannot be read from this computer.',
      'Access is denied. (2 checks)',
      'PowerShell is blocked.',
    ]);
    expect(uncheckedReasons([withSummary('not-checked', ''), withSummary('fail', 'Broken.')], 'srv')).toEqual([
      '1 setting is on srv and cannot be read from this computer.',
    ]);
    expect(uncheckedReasons([withSummary('pass', 'Fine.')], 'srv')).toEqual([]);
  });
});

describe('a firewall that blocks every incoming connection', () => {
  const firewall = (blockAllInbound?: Array<'Domain' | 'Private' | 'Public'>) =>
    result('server-firewall', {
      activeProfiles: ['Public'],
      rules: [
        {
          name: 'RemoteDesktop-UserMode-In-TCP',
          displayName: 'Remote Desktop - User Mode (TCP-In)',
          enabled: true,
          profiles: ['Any'],
          protocol: 'TCP',
        },
      ],
      ...(blockAllInbound ? { blockAllInbound } : {}),
    });

  it('on the network in use: certain, and no rule fix (turning rules on cannot help)', () => {
    expect(firewall(['Public'])).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/blocks every incoming connection on the Public network/),
    });
    const [top] = diagnose([firewall(['Public'])]);
    expect(top).toMatchObject({ id: 'firewall-blocks-rdp', likelihood: 'certain', fixIds: [] });
    expect(top!.technical).toMatch(/Set-NetFirewallProfile -Profile Public -AllowInboundRules True/);
  });

  it('on another network, or in older facts without it: the rules decide', () => {
    expect(firewall(['Domain']).status).toBe('pass');
    expect(firewall().status).toBe('pass');
    expect(diagnose([firewall(['Domain'])])).toEqual([]);
  });
});

describe('one cause that is the earlier link of another', () => {
  const servicesWith = (keyIso: 'Manual' | 'Disabled', term: 'Running' | 'Stopped' = 'Running') =>
    result('server-services', {
      services: [
        { name: 'TermService', exists: true, status: term, startType: 'Manual', account: 'NT Authority\\NetworkService' },
        { name: 'KeyIso', exists: true, status: keyIso === 'Disabled' ? 'Stopped' : 'Running', startType: keyIso, account: 'LocalSystem' },
        { name: 'CryptSvc', exists: true, status: 'Running', startType: 'Automatic', account: 'NT Authority\\NetworkService' },
      ],
    });
  const noCertificate = () => result('server-certificate', { listenerThumbprint: THUMB, hashType: 1, store: [], myStore: [], now: NOW });
  const listenerHeldBy = (processName: string | null) =>
    result('server-listener', {
      targetPort: 3389,
      portNumber: 3389,
      fEnableWinStation: 1,
      termServicePid: null,
      listeners: processName ? [{ localAddress: '0.0.0.0', localPort: 3389, pid: 4120, processName, services: [] }] : [],
    });

  it('KeyIso disabled and no certificate: the service first, the certificate taken in, and no regeneration (Windows cannot make one yet)', () => {
    const findings = diagnose([tlsReset(), noCertificate(), servicesWith('Disabled')]);
    expect(findings[0]).toMatchObject({ id: 'rdp-services-stopped', likelihood: 'certain' });
    expect(findings[0]!.fixIds[0]).toBe('start-rdp-services');
    expect(findings[0]!.fixIds).not.toContain('regenerate-rdp-certificate');
    expect(ids(findings)).not.toContain('certificate-unusable');
    expect(findings[0]!.evidence.map((e) => e.checkId)).toEqual(expect.arrayContaining(['server-certificate', 'rdp-handshake']));
  });

  it("the certificate services running: no certificate is the certificate's own finding, with the regeneration", () => {
    const [top] = diagnose([tlsReset(), noCertificate(), servicesWith('Manual')]);
    expect(top).toMatchObject({ id: 'certificate-unusable', fixIds: ['regenerate-rdp-certificate'] });
  });

  it('the port a program holds and Remote Desktop Services stopped: the port first (starting the service alone cannot help)', () => {
    const findings = diagnose([closedEarly(), listenerHeldBy('java'), servicesWith('Manual', 'Stopped')]);
    expect(findings[0]!.id).toBe('rdp-listener-problem');
    expect(ids(findings)).not.toContain('rdp-services-stopped');
    // Nothing holds the port: the stopped service is the cause and the silent listener its consequence.
    const [stopped] = diagnose([closedEarly(), listenerHeldBy(null), servicesWith('Manual', 'Stopped')]);
    expect(stopped!.id).toBe('rdp-services-stopped');
  });

  it('a certificate service down does not silence the port: the port answering contradicts only a stopped Remote Desktop Services', () => {
    const [keyIso] = diagnose([healthyWire(), servicesWith('Disabled')]);
    expect(keyIso).toMatchObject({ id: 'rdp-services-stopped', likelihood: 'certain' });
    const [term] = diagnose([healthyWire(), servicesWith('Manual', 'Stopped')]);
    expect(term).toMatchObject({ id: 'rdp-services-stopped', likelihood: 'possible', contradicted: true });
  });
});

describe('a wire symptom alone is no cause', () => {
  it('the verdict does not say "Found the cause" for a symptom on top', () => {
    const findings = diagnose([tlsReset()]);
    expect(findings[0]!.kind).toBe('symptom');
    expect(scanVerdict([], findings).kind).toBe('possible-causes');
  });
});
