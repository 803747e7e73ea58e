import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TARGET } from './fixtures';
import { healthyClient, healthyServer, RDP_GROUP, writeMachine, type MachineState } from './machines';
import { envelopeOf, runOnMachines, runPlan, SCRIPTS_DIR, type Envelope, type MachineRun, type StepResult } from './pwsh';

/*
 * NetSecurity's cmdlets are CDXML functions: a script's $ErrorActionPreference = 'Stop' does not
 * reach them (PowerShell/PowerShell#4568, #24389; test/fake-windows/Network.ps1 models it), so
 * their failures are non-terminating unless the call says -ErrorAction Stop. These tests hold
 * fix-enable-firewall-rdp.ps1, undo-enable-firewall-rdp.ps1, backup-firewall-rdp.ps1,
 * check-firewall-rdp.ps1 and check-client-outbound.ps1 to that: a failure is reported, never
 * passed over, and nothing is written to the error stream (runOnMachines fails on any).
 */
type Rule = { name: string; enabled: string; group: string };
const rulesOf = (m: MachineState) => (m.firewall as { rules: Rule[] }).rules;
const withRdpRules = (enabled: 'True' | 'False') => {
  const m = healthyServer();
  for (const rule of rulesOf(m)) if (rule.group === RDP_GROUP && !rule.name.endsWith('-WSS')) rule.enabled = enabled;
  return m;
};
const noRdpRules = () => {
  const m = healthyServer();
  (m.firewall as { rules: Rule[] }).rules = rulesOf(m).filter((r) => r.group !== RDP_GROUP);
  return m;
};
const backupOf = (rules: { name: string; enabled: boolean }[]) => ({ backup: { rules: rules.map((r) => ({ ...r, webSocket: false })) } });

const cases = {
  fixDenied: {
    state: withRdpRules('False'),
    script: 'fix-enable-firewall-rdp.ps1',
    args: backupOf([{ name: 'RemoteDesktop-UserMode-In-TCP', enabled: false }]),
    elevated: false,
  },
  fixGone: {
    state: withRdpRules('False'),
    script: 'fix-enable-firewall-rdp.ps1',
    args: backupOf([{ name: 'RemoteDesktop-Deleted-In-TCP', enabled: false }]),
    elevated: true,
  },
  undoGone: {
    state: withRdpRules('True'),
    script: 'undo-enable-firewall-rdp.ps1',
    args: backupOf([
      { name: 'RemoteDesktop-Deleted-In-TCP', enabled: false },
      { name: 'RemoteDesktop-UserMode-In-TCP', enabled: false },
    ]),
    elevated: true,
  },
  undoDenied: {
    state: withRdpRules('True'),
    script: 'undo-enable-firewall-rdp.ps1',
    args: backupOf([{ name: 'RemoteDesktop-UserMode-In-TCP', enabled: false }]),
    elevated: false,
  },
  checkNone: { state: noRdpRules(), script: 'check-firewall-rdp.ps1', elevated: true },
  // Most computers have no outbound block rule: the filter matches nothing (ObjectNotFound).
  outboundNone: { state: healthyClient(), script: 'check-client-outbound.ps1', args: TARGET },
  backupNone: { state: noRdpRules(), script: 'backup-firewall-rdp.ps1', args: { backupDir: '' }, elevated: true },
} satisfies Record<string, MachineRun>;

let answers: Record<keyof typeof cases, Envelope>;
let deniedThenChecked: StepResult[];

beforeAll(async () => {
  cases.backupNone.args.backupDir = await mkdtemp(join(tmpdir(), 'rdpd-fw-'));
  const names = Object.keys(cases) as (keyof typeof cases)[];
  const envelopes = await runOnMachines(names.map((n) => cases[n]));
  answers = Object.fromEntries(names.map((n, i) => [n, envelopes[i]!])) as typeof answers;
  // A standard user's fix, then the check on the same machine.
  const { machine, root } = await writeMachine(withRdpRules('False'), 'denied-fix');
  deniedThenChecked = await runPlan([
    { op: 'load', machine, root },
    { op: 'run', script: join(SCRIPTS_DIR, 'fix-enable-firewall-rdp.ps1'), args: cases.fixDenied.args },
    { op: 'run', script: join(SCRIPTS_DIR, 'check-firewall-rdp.ps1'), args: {}, elevated: true },
  ]);
}, 180_000);

describe('firewall scripts and CDXML errors (the caller\'s "Stop" does not reach NetSecurity)', () => {
  it('fix-enable-firewall-rdp.ps1: a rule Windows would not enable (access denied) is an error, not "Enabled"', () => {
    expect(answers.fixDenied.ok).toBe(false);
    expect(answers.fixDenied.error!.message).toMatch(/did not turn on the firewall rule RemoteDesktop-UserMode-In-TCP: Access is denied/);
  });

  it('fix-enable-firewall-rdp.ps1: a rule deleted since the backup is named as gone, not claimed as enabled', () => {
    expect(answers.fixGone).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/RemoteDesktop-Deleted-In-TCP no longer exists/) },
    });
  });

  it('undo-enable-firewall-rdp.ps1: a rule deleted since the backup is reported, and the others are put back', () => {
    expect(answers.undoGone).toEqual({
      ok: true,
      facts: {
        restored: [
          'Firewall rule RemoteDesktop-Deleted-In-TCP no longer exists; there was nothing to put back',
          'Firewall rule "Remote Desktop - User Mode (TCP-In)" disabled again',
        ],
      },
    });
  });

  it('undo-enable-firewall-rdp.ps1 unelevated: the failed change is an error, not "disabled again"', () => {
    expect(answers.undoDenied).toMatchObject({
      ok: false,
      error: { message: 'Windows did not put back the firewall rule "Remote Desktop - User Mode (TCP-In)": Access is denied.' },
    });
  });

  it('check-firewall-rdp.ps1 and backup-firewall-rdp.ps1 with no Remote Desktop rule at all: ObjectNotFound is no rules', () => {
    expect(answers.checkNone).toMatchObject({ ok: true, facts: { rules: [] } });
    expect(answers.backupNone).toMatchObject({ ok: true, facts: { rules: [] } });
  });

  it('check-client-outbound.ps1 with no outbound block rule: no rules, and nothing past its envelope', () => {
    expect(answers.outboundNone).toMatchObject({ ok: true, facts: { blockRules: [] } });
  });

  it('a failed enable writes nothing past its envelope and leaves the rules off (check-firewall-rdp.ps1 afterwards)', () => {
    expect(deniedThenChecked[1]!.output).toEqual([]);
    expect(envelopeOf(deniedThenChecked[1]!).ok).toBe(false);
    const check = envelopeOf(deniedThenChecked[2]!) as { facts: { rules: { name: string; enabled: boolean }[] } };
    expect(check.facts.rules.find((r) => r.name === 'RemoteDesktop-UserMode-In-TCP')!.enabled).toBe(false);
  });
});
