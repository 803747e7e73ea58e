import { describe, expect, it } from 'vitest';
import { services, listener, result } from '../../../test/support/server-results';
import type { Results } from '../../diagnosis/rule-kit';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import { certificateServicesDown, termServiceDown } from './diagnosis';

type Service = { name: string; exists: boolean; status: string | null; startType: string | null; account: string | null };
const shipped = (): Service[] => [
  { name: 'TermService', exists: true, status: 'Running', startType: 'Manual', account: 'NT Authority\\NetworkService' },
  { name: 'SessionEnv', exists: true, status: 'Stopped', startType: 'Manual', account: 'LocalSystem' },
  { name: 'CertPropSvc', exists: true, status: 'Stopped', startType: 'Manual', account: 'LocalSystem' },
  { name: 'KeyIso', exists: true, status: 'Running', startType: 'Manual', account: 'LocalSystem' },
  { name: 'CryptSvc', exists: true, status: 'Running', startType: 'Automatic', account: 'NT Authority\\NetworkService' },
];
/** Windows' services as shipped, with the named ones changed. */
const withServices = (changes: Record<string, Partial<Service>>) =>
  result('server-services', { services: shipped().map((s) => ({ ...s, ...changes[s.name] })) });
const byId = (...results: CheckResult[]): Results => Object.fromEntries(results.map((r) => [r.checkId, r]));

describe('server-services: what it reads', () => {
  it('passes the services as Windows ships them: the certificate services may rest until needed', () => {
    expect(withServices({})).toMatchObject({
      status: 'pass',
      summary: 'Remote Desktop Services is running, and the certificate services can start when needed.',
    });
    expect(withServices({ SessionEnv: { startType: 'Manual', status: 'Stopped' } }).status).toBe('pass');
  });

  it('fails the services that must run and do not, in words', () => {
    expect(withServices({ TermService: { status: 'Stopped' } }).summary).toBe('Remote Desktop Services (TermService) is stopped.');
    expect(withServices({ CryptSvc: { status: null } }).summary).toBe('Cryptographic Services (CryptSvc) is stopped.');
    expect(withServices({ TermService: { status: 'StartPending' } }).summary).toBe(
      'Remote Desktop Services (TermService) is start pending.',
    );
  });

  it('fails a disabled or missing service, each named, and keeps going to the last', () => {
    const r = withServices({ KeyIso: { startType: 'Disabled' }, CertPropSvc: { exists: false }, CryptSvc: { status: 'Paused' } });
    expect(r.status).toBe('fail');
    expect(r.summary).toBe(
      'Certificate Propagation (CertPropSvc) is missing; CNG Key Isolation (KeyIso) is disabled; Cryptographic Services (CryptSvc) is paused.',
    );
  });

  it("warns when Remote Desktop Services runs as another account than NETWORK SERVICE, which the key's permissions name", () => {
    expect(withServices({ TermService: { account: 'LocalSystem' } })).toMatchObject({
      status: 'warn',
      summary:
        "Remote Desktop Services runs as LocalSystem instead of NETWORK SERVICE; the certificate's key permissions are set for NETWORK SERVICE.",
    });
    expect(withServices({ TermService: { account: 'NT AUTHORITY\\Network Service' } }).status).toBe('pass');
    expect(withServices({ TermService: { account: null } }).status).toBe('pass');
    // The account of Remote Desktop Services itself, wherever it is listed; none listed, nothing to say.
    const listed = (services: Service[]) => result('server-services', { services }).status;
    expect(listed([...shipped().slice(1), shipped()[0]!])).toBe('pass');
    expect(listed(shipped().filter((s) => s.name !== 'TermService'))).toBe('pass');
  });
});

describe('server-services: what it finds', () => {
  it('puts a stopped TermService and its silent listener into one finding', () => {
    const findings = diagnose([services('Stopped'), listener({ termPid: null, sockets: [] })]);
    expect(findings.map((f) => f.id)).toEqual(['rdp-services-stopped']);
    expect(findings[0]?.evidence.map((e) => [e.checkId, e.label])).toEqual([
      ['server-services', 'Services'],
      ['server-listener', 'Listener'],
    ]);
  });

  it('offers to start a stopped Remote Desktop Services, certain', () => {
    const [f] = diagnose([services('Stopped'), listener()]);
    expect(f?.title).toBe('Remote Desktop Services is not running on the server');
    expect(f?.plain).toBe(
      'The service that accepts Remote Desktop connections is stopped or disabled, so nothing answers. Starting it fixes that.',
    );
    expect(f?.technical).toMatch(/^Stopped, disabled or missing: Remote Desktop Services \(TermService\)\. TermService must run;/);
    expect(f?.likelihood).toBe('certain');
    expect(f?.evidence.map((e) => [e.checkId, e.label])).toEqual([['server-services', 'Services']]);
    expect(f?.fixIds).toEqual(['start-rdp-services']);
  });

  it('names the certificate services that cannot start, below a stopped Remote Desktop Services', () => {
    const [keyIso] = diagnose([
      withServices({ KeyIso: { startType: 'Disabled' }, CertPropSvc: { startType: 'Disabled' } }),
      listener({ sockets: [] }),
    ]);
    expect(keyIso?.title).toBe('A service Remote Desktop needs for its certificate cannot start');
    expect(keyIso?.plain).toMatch(/^Remote Desktop needs Certificate Propagation, CNG Key Isolation to create and read its certificate\./);
    expect(keyIso?.technical).toMatch(
      /^Stopped, disabled or missing: Certificate Propagation \(CertPropSvc\), CNG Key Isolation \(KeyIso\)\./,
    );
    // A silent port is no evidence of a certificate service.
    expect(keyIso?.evidence.map((e) => e.checkId)).toEqual(['server-services']);
    const [term] = diagnose([services('Stopped')]);
    expect(term!.score).toBeGreaterThan(keyIso!.score);
  });

  it('offers no start for a service that is missing: it cannot be started', () => {
    const [f] = diagnose([withServices({ TermService: { exists: false } })]);
    expect(f?.id).toBe('rdp-services-stopped');
    expect(f?.fixIds).toEqual([]);
  });

  it('reads a failed check without facts (an older report) as Remote Desktop Services stopped', () => {
    const old: CheckResult = { checkId: 'server-services', status: 'fail', summary: 'TermService is stopped.', durationMs: 1 };
    const [f] = diagnose([old]);
    expect(f?.title).toBe('Remote Desktop Services is not running on the server');
    expect(f?.technical).toMatch(/^Stopped, disabled or missing: Remote Desktop Services \(TermService\)\. /);
    expect(f?.fixIds).toEqual(['start-rdp-services']);
  });

  it('finds nothing when the services are as shipped, or run as another account', () => {
    expect(diagnose([withServices({})])).toEqual([]);
    expect(diagnose([withServices({ TermService: { account: 'LocalSystem' } })])).toEqual([]);
  });

  it('tells the other rules whether Remote Desktop Services or a certificate service is down', () => {
    const keyIsoOff = withServices({ KeyIso: { startType: 'Disabled' } });
    expect([termServiceDown(byId(keyIsoOff)), certificateServicesDown(byId(keyIsoOff))]).toEqual([false, true]);
    const termOff = withServices({ TermService: { status: 'Stopped' } });
    expect([termServiceDown(byId(termOff)), certificateServicesDown(byId(termOff))]).toEqual([true, false]);
    const both = withServices({ TermService: { status: 'Stopped' }, KeyIso: { startType: 'Disabled' } });
    expect([termServiceDown(byId(both)), certificateServicesDown(byId(both))]).toEqual([true, true]);
    for (const name of ['CertPropSvc', 'CryptSvc'])
      expect(certificateServicesDown(byId(withServices({ [name]: { exists: false } })))).toBe(true);
    expect(certificateServicesDown(byId(withServices({ SessionEnv: { startType: 'Disabled' } })))).toBe(false);
    expect([termServiceDown(byId(withServices({}))), certificateServicesDown(byId(withServices({})))]).toEqual([false, false]);
    // A failed check from an older report, without facts: Remote Desktop Services is what it meant.
    const old: CheckResult = { checkId: 'server-services', status: 'fail', summary: 'TermService is stopped.', durationMs: 1 };
    expect(termServiceDown(byId(old))).toBe(true);
    expect(termServiceDown({})).toBe(false);
  });
});
