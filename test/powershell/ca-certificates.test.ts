import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtemp } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeMachineOf } from '../../electron/main/simulated/fake-machine';
import { scenarioState } from '../../electron/main/simulated/scenarios';
import type { MachineState as SimState } from '../../shared/simulated/machine-state';
import { RdpCertificateFactsSchema } from '../../shared/checks/server-certificate/catalog';
import { KeyPermissionsFactsSchema } from '../../shared/checks/server-key-permissions/catalog';
import { writeMachine, type MachineState } from './machines';
import { envelopeOf, runPlan, SCRIPTS_DIR, type Step, type StepResult } from './pwsh';

/*
 * Certificates issued by a CA or bound by policy (issue 24 §1), through the real scripts under
 * pwsh against the fake Windows: what the certificate check reads (purpose, names from the SAN,
 * the chain built on the server with its Root and CA stores, a CNG key found by certutil -store,
 * the replacement, the enrolment events), and what the repoint fix refuses.
 */
const script = (name: string) => join(SCRIPTS_DIR, `${name}.ps1`);
const machineOf = (scenario: string, change?: (s: SimState) => void, administrator = true) => {
  const state = scenarioState(scenario);
  change?.(state);
  return fakeMachineOf(state, { name: 'SRV-APP01', targetPort: 3389, administrator }) as unknown as MachineState;
};

const steps: Step[] = [];
let results: StepResult[] = [];
const at: Record<string, number> = {};
function run(label: string, name: string, args: Record<string, unknown> = {}, elevated = true, backupFrom?: number) {
  at[label] = steps.length;
  steps.push({ op: 'run', script: script(name), args, elevated, ...(backupFrom === undefined ? {} : { backupFrom }) });
}
async function load(label: string, machine: MachineState) {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-ca-'));
  steps.push({ op: 'load', ...(await writeMachine(machine, label, dir)) });
  return dir;
}
const snap = (label: string) => {
  at[label] = steps.length;
  steps.push({ op: 'snapshot' });
};
const factsAt = (label: string) => envelopeOf(results[at[label]!]!);

beforeAll(async () => {
  await load('renewed', machineOf('ca-certificate-expired-renewed-beside'));
  run('check', 'check-rdp-certificate');
  run('check-unelevated', 'check-rdp-certificate', {}, false);
  // The issuing CA's certificate is missing from the server's CA store: no chain builds.
  await load(
    'no-intermediate',
    machineOf('ca-certificate-expired-renewed-beside', (s) => {
      s.certificates.elsewhere = s.certificates.intermediate;
      s.certificates.intermediate = [];
    }),
  );
  run('check-partial', 'check-rdp-certificate');
  await load('key', machineOf('ca-certificate-key-unreadable'));
  run('key-permissions', 'check-rdp-key-permissions');
  const policyDir = await load('policy', machineOf('policy-certificate-enrolment-failing'));
  run('policy-check', 'check-rdp-certificate');
  snap('policy-before');
  run('policy-backup', 'backup-repoint-rdp-certificate', { backupDir: join(policyDir, 'backup') });
  run('policy-apply', 'fix-repoint-rdp-certificate', {}, true, steps.length - 1);
  snap('policy-after');
  // The listener's choice changed after the backup was taken: the fix refuses.
  const movedDir = await load('moved', machineOf('ca-certificate-expired-renewed-beside'));
  snap('moved-before');
  run('moved-apply', 'fix-repoint-rdp-certificate', {
    backup: { thumbprint: 'F'.repeat(40), hashType: 3 },
  });
  snap('moved-after');
  void movedDir;
  results = await runPlan(steps);
}, 300_000);

describe('check-rdp-certificate.ps1 on a server with a company CA', () => {
  it('reads the listener certificate: issuer, purpose, SAN names, and a chain that builds to the trusted root', () => {
    const facts = RdpCertificateFactsSchema.parse(factsAt('check').facts);
    const listener = facts.myStore!.find((c) => c.thumbprint === facts.listenerThumbprint)!;
    expect(listener.issuer).toBe('CN=Corp Issuing CA 1, DC=corp, DC=example');
    expect(listener.enhancedKeyUsages).toEqual(['1.3.6.1.4.1.311.54.1.2']);
    expect(listener.dnsNames).toEqual(['SRV-APP01.corp.example', 'srv-app01']);
    // Expired: the chain says so too; the root is the server's own trusted one.
    expect(listener.chain?.problems).toContain('NotTimeValid');
    expect(listener.chain?.problems).not.toContain('UntrustedRoot');
    expect(listener.chain?.problems).not.toContain('PartialChain');
  });

  it('finds the renewal beside it as the replacement, with its CNG key file in Crypto\\Keys that NETWORK SERVICE may read', () => {
    const facts = RdpCertificateFactsSchema.parse(factsAt('check').facts);
    expect(facts.replacement?.store).toBe('My');
    expect(facts.replacement?.notAfter).toBe('2027-06-01T00:00:00.000Z');
    expect(facts.replacement?.chain).toEqual({ trusted: true, problems: expect.not.arrayContaining(['UntrustedRoot']) });
    expect(facts.replacement?.key?.provider).toBe('CNG');
    expect(facts.replacement?.key?.path).toMatch(/[\\/]Microsoft[\\/]Crypto[\\/]Keys[\\/]7c1e94b2a05d3f6e8b9a1c2d3e4f5a6b_5f1a9c3e-/);
    expect(facts.replacement?.key?.networkServiceCanRead).toBe(true);
  });

  it('as a standard user it cannot open machine keys: it still names the replacement, its key unknown (the fix, as administrator, knows)', () => {
    const facts = RdpCertificateFactsSchema.parse(factsAt('check-unelevated').facts);
    expect(facts.replacement?.store).toBe('My');
    expect(facts.replacement?.key?.path ?? null).toBeNull();
    expect(facts.replacement?.keyReadable ?? null).toBeNull();
    expect(facts.myStore?.[0]?.key?.path ?? null).toBeNull();
  });

  it("without the issuing CA on the server the chain is partial: the renewal is not offered, Windows' own certificate is", () => {
    const facts = RdpCertificateFactsSchema.parse(factsAt('check-partial').facts);
    const listener = facts.myStore!.find((c) => c.thumbprint === facts.listenerThumbprint)!;
    expect(listener.chain?.trusted).toBe(false);
    expect(listener.chain?.problems).toContain('PartialChain');
    expect(facts.replacement?.store).toBe('Remote Desktop');
    expect(facts.replacement?.subject).toBe('CN=SRV-APP01.corp.example');
  });

  it("reads the server's enrolment events: AutoEnrollment 13 (Application) and RemoteConnectionManager 1065 (System)", () => {
    const facts = RdpCertificateFactsSchema.parse(factsAt('policy-check').facts);
    expect(facts.hashType).toBe(2);
    expect(facts.events?.map((e) => [e.id, e.provider])).toEqual(
      expect.arrayContaining([
        [13, 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment'],
        [1065, 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'],
      ]),
    );
  });
});

describe('check-rdp-key-permissions.ps1 on a CNG key', () => {
  it('finds the key of the CA certificate in Crypto\\Keys from the certificate, and that NETWORK SERVICE may not read it', () => {
    const facts = KeyPermissionsFactsSchema.parse(factsAt('key-permissions').facts);
    expect(facts.key?.provider).toBe('CNG');
    expect(facts.key?.path).toMatch(/[\\/]Microsoft[\\/]Crypto[\\/]Keys[\\/][0-9a-f]{32}_/);
    expect(facts.key?.networkServiceCanRead).toBe(false);
    expect(facts.files[0]?.aces.map((a) => a.sid)).not.toContain('S-1-5-20');
  });
});

describe('the repoint fix refuses', () => {
  it('while a group policy chooses the certificate: the backup says why, and the machine is unchanged', () => {
    expect(factsAt('policy-backup')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/group policy chooses/) } });
    expect(factsAt('policy-apply')).toMatchObject({ ok: false });
    expect(JSON.parse(results[at['policy-after']!]!.snapshot!)).toEqual(JSON.parse(results[at['policy-before']!]!.snapshot!));
  });

  it("when the listener's choice changed since the backup, and changes nothing", () => {
    expect(factsAt('moved-apply')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/changed since the backup/) } });
    expect(JSON.parse(results[at['moved-after']!]!.snapshot!)).toEqual(JSON.parse(results[at['moved-before']!]!.snapshot!));
  });
});
