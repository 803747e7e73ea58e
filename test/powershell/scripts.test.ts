import { mkdtemp } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CheckId, getCheck } from '../../shared/catalog/checks';
import { scripts, type ScriptId } from '../../shared/catalog/scripts';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { parseScriptOutput } from '../../electron/main/powershell/script-runner';
import type { WindowsError } from '../../electron/main/ports';
import { SCRIPTS_DIR, envelopeOf, runPlan, type Step, type StepResult } from './pwsh';
import { writeMachine } from './machines';
import { backupArgs, cannotBeUndone, checksOf, clientMachines, fixCases, serverMachines, type FixCase } from './fixtures';

/*
 * Every product script runs here under real PowerShell (pwsh 7) against FakeWindows machine
 * states, all in one pwsh process. Rule: every .ps1 directly in assets/scripts runs, except
 * elevated-helper.ps1, invoke-remote.ps1 and invoke-fleet.ps1, whose own tests drive them against the Node side.
 */
const OWNED_ELSEWHERE = ['elevated-helper.ps1', 'invoke-remote.ps1', 'invoke-fleet.ps1'];
const productScripts = readdirSync(SCRIPTS_DIR).filter((f) => f.endsWith('.ps1') && !OWNED_ELSEWHERE.includes(f));

const steps: Step[] = [];
const runScript = (script: ScriptId, args: Record<string, unknown>, elevated: boolean, backupFrom?: number) =>
  steps.push({
    op: 'run',
    script: join(SCRIPTS_DIR, scripts[script].file),
    args,
    elevated,
    ...(backupFrom === undefined ? {} : { backupFrom }),
  }) - 1;
const snapshot = () => steps.push({ op: 'snapshot' }) - 1;

interface CheckRun {
  machine: string;
  checkId: CheckId | null;
  script: ScriptId;
  step: number;
}
const checkRuns: CheckRun[] = [];
interface FixRun {
  fixCase: FixCase;
  before: number;
  afterBackup: number;
  backup: number;
  apply: number;
  verify: { checkId: CheckId; step: number }[];
  undo: number;
  after: number;
}
const fixRuns: FixRun[] = [];
interface FaultRun {
  fixCase: FixCase;
  fault: string;
  where: 'apply' | 'undo';
  before: number;
  apply: number;
  undo: number;
  after: number;
}
const faultRuns: FaultRun[] = [];

const policyFix = { before: -1, apply: -1, after: -1 };
/** "Restart now" after TLS 1.2 was enabled: as administrator, then again while it is pending, then unelevated. */
const restart = { elevated: -1, again: -1, unelevated: -1 };
const cancel = { unelevated: -1, elevated: -1, again: -1 };
const adminsRemoved = { before: -1, backup: -1, after: -1 };
/** What became of a temporary change's timer, read unelevated where none ran yet. */
let revertTimers = -1;

let results: StepResult[] = [];
const facts = (step: number) => envelopeOf(results[step]!);
/** A whole machine as a snapshot step saw it (compared without regard to key order). */
const machineAt = (step: number) => JSON.parse(results[step]!.snapshot!) as unknown;
const ranScripts = new Set<string>();

/** Server checks run as administrator (PowerShell remoting sessions are); client ones do not. */
const elevatedFor = (side: 'client' | 'server') => side === 'server';

async function plan() {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-scripts-'));
  // East of UTC, where a date at local midnight is still the previous day in UTC.
  steps.push({ op: 'timezone', id: 'Asia/Tokyo' });
  const sides = [
    ['server', serverMachines],
    ['client', clientMachines],
  ] as const;
  for (const [side, machines] of sides) {
    for (const [name, make] of Object.entries(machines)) {
      steps.push({ op: 'load', ...(await writeMachine(make(), name, dir)) });
      for (const c of checksOf(side))
        checkRuns.push({ machine: name, checkId: c.checkId, script: c.script, step: runScript(c.script, c.args, elevatedFor(side)) });
      if (side === 'client') {
        checkRuns.push({ machine: name, checkId: null, script: 'read-client-mru', step: runScript('read-client-mru', {}, false) });
        checkRuns.push({
          machine: name,
          checkId: null,
          script: 'read-client-last-disconnect',
          step: runScript('read-client-last-disconnect', {}, false),
        });
      }
    }
  }
  // What a local, unelevated run on a server sees (RDP Doctor started normally on the server).
  steps.push({ op: 'load', ...(await writeMachine(serverMachines['healthy-server']!(), 'unelevated-server', dir)) });
  for (const c of checksOf('server'))
    checkRuns.push({ machine: 'unelevated-server', checkId: c.checkId, script: c.script, step: runScript(c.script, c.args, false) });
  // The key-permissions fix on a key file administrators may not read.
  steps.push({ op: 'load', ...(await writeMachine(serverMachines['key-admins-removed']!(), 'admins-removed-fix', dir)) });
  adminsRemoved.before = snapshot();
  adminsRemoved.backup = runScript('backup-rdp-key-permissions', { backupDir: join(dir, 'admins-removed-backup') }, true);
  adminsRemoved.after = snapshot();
  // The firewall fix where a group policy ignores local rules.
  steps.push({ op: 'load', ...(await writeMachine(serverMachines['policy-ignores-local-rules']!(), 'policy-fix', dir)) });
  policyFix.before = snapshot();
  const policyBackup = runScript('backup-firewall-rdp', { backupDir: join(dir, 'policy-backup') }, true);
  policyFix.apply = runScript('fix-enable-firewall-rdp', {}, true, policyBackup);
  policyFix.after = snapshot();

  steps.push({ op: 'load', ...(await writeMachine(serverMachines['tls12-disabled']!(), 'restart', dir)) });
  restart.unelevated = runScript('restart-computer', {}, false);
  restart.elevated = runScript('restart-computer', {}, true);
  restart.again = runScript('restart-computer', {}, true);
  cancel.unelevated = runScript('abort-restart', {}, false);
  cancel.elevated = runScript('abort-restart', {}, true);
  cancel.again = runScript('abort-restart', {}, true);
  revertTimers = runScript('read-revert-timers', { ids: ['0f8fad5b-d9cb-469f-a165-70867728950e'] }, false);

  for (const [index, fixCase] of fixCases.entries()) {
    const { fix } = fixCase;
    const elevated = fix.needsAdmin;
    const backupDir = join(dir, `backup-${index}`);
    steps.push({ op: 'load', ...(await writeMachine(fixCase.machine(), `fix-${index}`, dir)) });
    const before = snapshot();
    const backup = runScript(fix.backupScript, backupArgs(fixCase, backupDir), elevated);
    const afterBackup = snapshot();
    const apply = runScript(fix.script, {}, elevated, backup);
    const verify = fix.verifies.map((checkId) => {
      const source = getCheck(checkId as CheckId).source;
      if (source.kind !== 'script') throw new Error(`${checkId} is not a script check`);
      return {
        checkId: checkId as CheckId,
        step: runScript(source.script, source.withTarget ? { ...fixCase.target } : {}, elevatedFor(fix.side)),
      };
    });
    const undo = runScript(fix.undoScript, {}, elevated, backup);
    fixRuns.push({ fixCase, before, afterBackup, backup, apply, verify, undo, after: snapshot() });

    const faults = [
      ...fixCase.applyFaults.map((f) => ['apply', f] as const),
      ...(fixCase.undoFault ? [['undo', fixCase.undoFault] as const] : []),
    ];
    for (const [n, [where, fault]] of faults.entries()) {
      steps.push({ op: 'load', ...(await writeMachine(fixCase.machine(), `fault-${index}-${n}`, dir)) });
      const faultBefore = snapshot();
      const faultBackup = runScript(fix.backupScript, backupArgs(fixCase, `${backupDir}-${n}`), elevated);
      if (where === 'apply') steps.push({ op: 'fault', command: fault });
      const faultApply = runScript(fix.script, {}, elevated, faultBackup);
      if (where === 'undo') steps.push({ op: 'fault', command: fault });
      let faultUndo = runScript(fix.undoScript, {}, elevated, faultBackup);
      // A failed undo is run again (the journal keeps it pending); that one must finish the job.
      if (where === 'undo') faultUndo = runScript(fix.undoScript, {}, elevated, faultBackup);
      faultRuns.push({ fixCase, fault, where, before: faultBefore, apply: faultApply, undo: faultUndo, after: snapshot() });
    }
  }
}

beforeAll(async () => {
  await plan();
  const started = performance.now();
  results = await runPlan(steps);
  const scriptRuns = steps.filter((s) => s.op === 'run');
  for (const [i, step] of steps.entries()) {
    if (step.op !== 'run') continue;
    expect(results[i]!.thrown ?? null, `${step.script} threw past its own catch`).toBeNull();
    expect(results[i]!.output, `${step.script} wrote to the output or error stream`).toEqual([]);
    envelopeOf(results[i]!);
    ranScripts.add(step.script.split(/[\\/]/).at(-1)!);
  }
  const byOp: Record<string, number> = {};
  for (const [i, step] of steps.entries()) byOp[step.op] = (byOp[step.op] ?? 0) + results[i]!.ms;
  console.log(`Time by step kind (ms): ${JSON.stringify(Object.fromEntries(Object.entries(byOp).map(([k, v]) => [k, Math.round(v)])))}`);
  console.log(
    `Real PowerShell ran ${ranScripts.size} of the ${productScripts.length} product scripts (${scriptRuns.length} runs in one pwsh process, ${Math.round(performance.now() - started)} ms).`,
  );
  // One pwsh process runs every script (75 and growing), beside the suite's other workers on 2 cores.
}, 300_000);

describe('every product script under real PowerShell', () => {
  it('runs all of them (every .ps1 in assets/scripts but elevated-helper.ps1, invoke-remote.ps1 and invoke-fleet.ps1)', () => {
    expect([...ranScripts].sort()).toEqual([...productScripts].sort());
  });
});

describe('read-revert-timers', () => {
  it('reads, unelevated, that a change whose timer has not run is pending', () => {
    expect(facts(revertTimers)).toEqual({
      ok: true,
      facts: { timers: [{ id: '0f8fad5b-d9cb-469f-a165-70867728950e', state: 'pending', at: null, detail: null }] },
    });
  });
});

describe('restart-computer (Restart now)', () => {
  it("schedules the restart as administrator, and fails in Windows' words unelevated or while one is pending", () => {
    expect(facts(restart.elevated)).toEqual({ ok: true, facts: { restartInSeconds: 60, cancelCommand: 'shutdown.exe /a' } });
    expect(facts(restart.unelevated)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/exit code 5\b.*Access is denied/) },
    });
    expect(facts(restart.again)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/exit code 1190\b/) } });
  });
});

describe('abort-restart (Cancel restart)', () => {
  it("calls off the pending restart as administrator; unelevated it is refused in Windows' words; with none pending it says so", () => {
    expect(facts(cancel.unelevated)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/exit code 5\b.*Access is denied/) },
    });
    expect(facts(cancel.elevated)).toEqual({ ok: true, facts: { cancelled: true, nonePending: false } });
    expect(facts(cancel.again)).toEqual({ ok: true, facts: { cancelled: false, nonePending: true } });
  });
});

describe.each(Object.keys({ ...serverMachines, ...clientMachines }))('checks on the %s machine', (machine) => {
  it('print one JSON envelope whose facts match the catalog schema', () => {
    for (const run of checkRuns.filter((r) => r.machine === machine)) {
      const envelope = facts(run.step);
      if (run.checkId && expectedFindings[machine]?.[run.checkId] === 'unavailable') continue;
      expect(envelope.error, run.script).toBeUndefined();
      const parsed = scripts[run.script].facts.safeParse(envelope.facts);
      expect(parsed.error?.issues ?? [], run.script).toEqual([]);
    }
  });
});

/** What the scan shows for each check: its facts evaluated, or unavailable / error as runScriptCheck words it. */
function statusesOf(machine: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const run of checkRuns.filter((r) => r.machine === machine && r.checkId)) {
    try {
      out[run.checkId!] = evaluate(run.checkId!, parseScriptOutput({ stdout: results[run.step]!.stdout ?? '', stderr: '' })).status;
    } catch (err) {
      out[run.checkId!] = (err as WindowsError).kind === 'unavailable' ? 'unavailable' : 'error';
    }
  }
  return out;
}

/** The one finding each machine was made to show; every other check passes there. */
const expectedFindings: Record<string, Record<string, string>> = {
  'healthy-server': {},
  'firewall-closed': { 'server-firewall': 'fail' },
  'rdp-disabled': { 'server-rdp-enabled': 'fail' },
  'termservice-disabled': { 'server-services': 'fail', 'server-listener': 'fail' },
  // The certificate check reads its own key file too (issue 20 §4): NETWORK SERVICE may not read it.
  'key-unreadable': { 'server-key-permissions': 'fail', 'server-certificate': 'fail' },
  'key-readable-through-users': {},
  // Run as administrator (as the server's checks run), administrators who may not read the key
  // file's permissions are the finding itself (the internal-error article's case).
  'key-admins-removed': { 'server-key-permissions': 'fail' },
  'rdp-security-layer': { 'server-security-settings': 'fail' },
  'tls12-disabled': { 'server-tls-versions': 'fail' },
  'firewall-by-policy': {},
  'policy-ignores-local-rules': { 'server-firewall': 'fail' },
  'certificate-expired': { 'server-certificate': 'fail' },
  'ca-certificate-expired': { 'server-certificate': 'fail' },
  'healthy-client': {},
  'stale-credentials': { 'client-saved-credentials': 'fail' },
  'damaged-connection-data': { 'client-connection-data': 'fail' },
  'client-saw-0x904': { 'client-rdp-log': 'warn' },
  'outbound-blocked': { 'client-outbound-security': 'fail' },
  'credssp-oracle-blocked': { 'client-credssp': 'fail' },
  'ntlm-denied': { 'client-authentication': 'warn' },
  'ntlm-denied-target-excepted': {},
  'ntlm-incoming-denied': { 'server-authentication': 'warn' },
};

describe.each(Object.entries(expectedFindings))('on the %s machine', (machine, findings) => {
  it('the checks find exactly what is wrong there', () => {
    const statuses = statusesOf(machine);
    const expected = Object.fromEntries(Object.keys(statuses).map((id) => [id, findings[id] ?? 'pass']));
    expect(statuses).toEqual(expected);
  });
});

const factsOf = (machine: string, script: ScriptId) => {
  const run = checkRuns.find((r) => r.machine === machine && r.script === script)!;
  return facts(run.step);
};

describe("defects found by reading the scripts against Microsoft's documentation", () => {
  it('1: the RDP client log yields the server name and the disconnect reason (Name/Value event data)', () => {
    const events = (
      factsOf('client-saw-0x904', 'check-client-rdp-log').facts as {
        events: { id: number; server: string | null; reason: number | null }[];
      }
    ).events;
    expect(events.map(({ id, server, reason }) => ({ id, server, reason }))).toEqual([
      { id: 1024, server: 'srv01.contoso.com', reason: null },
      { id: 1026, server: null, reason: 2308 },
    ]);
  });

  it('2, 3, 7: outbound block rules: none is no error; port lists, ranges and group policy rules count', () => {
    expect((factsOf('healthy-client', 'check-client-outbound').facts as { blockRules: unknown[] }).blockRules).toEqual([]);
    const rules = (
      factsOf('outbound-blocked', 'check-client-outbound').facts as { blockRules: { name: string; remotePort: string | null }[] }
    ).blockRules;
    expect(rules.map((r) => [r.name, r.remotePort])).toEqual([
      ['Block RDP (GPO)', '3389, 5000-5010'],
      ['Block a port range', '3000-3400'],
      ['Block mstsc', null],
    ]);
  });

  it('7: the server firewall check reads the rules in force (group policy ones count, ignored local ones do not)', () => {
    expect(statusesOf('firewall-by-policy')['server-firewall']).toBe('pass');
    expect(statusesOf('policy-ignores-local-rules')['server-firewall']).toBe('fail');
  });

  it('7: the firewall fix refuses, changing nothing, where a group policy ignores local rules', () => {
    expect(facts(policyFix.apply).error?.message).toMatch(/group policy ignores this computer's own firewall rules.*Nothing was changed/);
    expect(machineAt(policyFix.after)).toEqual(machineAt(policyFix.before));
  });

  it('8: a blank InstalledOn (Get-HotFix) is reported as no date, and the list is newest first', () => {
    const hotfixes = (factsOf('healthy-client', 'check-client-updates').facts as { hotfixes: { id: string; installedOn: string | null }[] })
      .hotfixes;
    expect(hotfixes.map((h) => h.id)).toEqual(['KB5036893', 'KB5034441', 'KB5011048']);
    expect(hotfixes.at(-1)!.installedOn).toBeNull();
  });

  it('10: east of UTC, an update installed on a day is reported on that day', () => {
    const hotfixes = (factsOf('healthy-server', 'check-server-updates').facts as { hotfixes: { id: string; installedOn: string }[] })
      .hotfixes;
    const wmi = (serverMachines['healthy-server']!().hotfixes as { hotFixId: string; installedOn: string }[]).find(
      (h) => h.hotFixId === 'KB5034770',
    )!.installedOn;
    const [month, dayOfMonth, year] = wmi.split('/').map(Number);
    const expected = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}T00:00:00.000Z`;
    expect(hotfixes.find((h) => h.id === 'KB5034770')!.installedOn).toBe(expected);
  });

  it('12: a key file without its Administrators entry: the backup records that administrators are shut out, and changes nothing', () => {
    // The fix then takes ownership first (test/elevation/key-file-takeover.test.ts).
    expect(facts(adminsRemoved.backup)).toMatchObject({
      ok: true,
      facts: { files: [{ adminsShutOut: true, ownerSid: null, aces: null }] },
    });
    expect(machineAt(adminsRemoved.after)).toEqual(machineAt(adminsRemoved.before));
  });

  it('6: unelevated on a server, the key-permissions check says it needs administrator rights', () => {
    const run = checkRuns.find((r) => r.machine === 'unelevated-server' && r.script === 'check-rdp-key-permissions')!;
    const err = (() => {
      try {
        parseScriptOutput({ stdout: results[run.step]!.stdout ?? '', stderr: '' });
      } catch (e) {
        return e as WindowsError;
      }
      throw new Error('the check answered unelevated');
    })();
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(
      /^Only administrators can read the permissions of the Remote Desktop key file\. Run RDP Doctor as administrator/,
    );
    const pressure = factsOf('unelevated-server', 'check-rdp-connection-pressure').facts as {
      failedLogonsLastHour: number | null;
      securityLogError: string | null;
    };
    expect(pressure).toMatchObject({ failedLogonsLastHour: null, securityLogError: expect.stringMatching(/unauthorized/i) });
  });
});

// A fix may run on more than one machine (the list it changes present, or not there yet).
const fixCaseName = (c: FixCase, i: number) =>
  fixCases.filter((o) => o.fix.id === c.fix.id).length > 1 ? `${c.fix.id} (case ${i + 1})` : c.fix.id;
describe.each(fixCases.map((c, i) => [fixCaseName(c, i), c] as const))('fix %s', (_name, fixCase) => {
  const run = () => fixRuns.find((r) => r.fixCase === fixCase)!;

  it('backs up without changing anything', () => {
    expect(facts(run().backup).error).toBeUndefined();
    expect(machineAt(run().afterBackup)).toEqual(machineAt(run().before));
  });

  it('applies, and the checks that found the problem pass afterwards', () => {
    const applied = facts(run().apply);
    expect(applied.error).toBeUndefined();
    expect((applied.facts as { changed: string[] }).changed.length).toBeGreaterThan(0);
    for (const v of run().verify) {
      const envelope = facts(v.step);
      expect(envelope.error, v.checkId).toBeUndefined();
      expect(evaluate(v.checkId, envelope.facts).status, v.checkId).toBe('pass');
    }
  });

  it('undoes to exactly the machine it found, or its catalog entry says it cannot', () => {
    const undo = facts(run().undo);
    expect(undo.error).toBeUndefined();
    if (cannotBeUndone(run().fixCase.fix)) expect(machineAt(run().after)).not.toEqual(machineAt(run().before));
    else expect(machineAt(run().after)).toEqual(machineAt(run().before));
  });

  it('leaves the machine as it was when a step fails halfway and the undo runs', () => {
    for (const f of faultRuns.filter((r) => r.fixCase === fixCase)) {
      if (f.where === 'apply') expect(facts(f.apply).error?.message, f.fault).toMatch(/Injected fault/);
      expect(facts(f.undo).error, `${f.where} fault ${f.fault}`).toBeUndefined();
      if (cannotBeUndone(f.fixCase.fix)) continue;
      expect(machineAt(f.after), `${f.where} fault ${f.fault}`).toEqual(machineAt(f.before));
    }
  });
});
