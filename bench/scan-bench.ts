import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createHandlers } from '../electron/main/handlers';
import { createSimulatedPorts } from '../electron/main/simulated/simulated-ports';
import { scenarioState } from '../electron/main/simulated/scenarios';
import { disposeSimulatedComputers } from '../electron/main/simulated/computer-pool';
import { fakeMachineOf } from '../electron/main/simulated/fake-machine';
import { pwshPath } from '../electron/main/powershell/session';
import { invocationLine, psLiteral } from '../electron/main/powershell/literal';
import { scripts, type ScriptId } from '../shared/catalog/scripts';
import type { RunOptions } from '../electron/main/ports';
import { loopbackAddress } from '../electron/main/simulated/listener';

/**
 * npm run bench:scan — a full diagnosis (network probe + every check script) through one warm
 * PowerShell session against the fake Windows (the simulated computer of tests and --simulate),
 * versus the same scripts each in a fresh
 * PowerShell process (how the guides and most tools run them), in the same run. Prints both,
 * and the ratio. Goals: a full scan <= 3 s, >= 5x faster than a process per script. The exit code
 * says whether they were met; the numbers are printed, never asserted in a test.
 */
const run = promisify(execFile);
const ROOT = resolve(process.cwd());
const SCRIPTS_DIR = join(ROOT, 'assets', 'scripts');
const FAKE_MODULE = join(ROOT, 'test', 'fake-windows', 'FakeWindows.psm1');
const SCANS = Number(process.env.BENCH_SCANS ?? 3);
const SCENARIO = process.env.BENCH_SCENARIO ?? 'healthy';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main() {
  const executable = pwshPath();
  if (!executable) throw new Error('pwsh not found (see .ci/run).');
  const rdp = await loopbackAddress();
  // The scenario's server, RDP Doctor running on it as administrator, its listener on rdp.port.
  const sim = createSimulatedPorts(SCENARIO, {}, { targetPort: rdp.port, listeners: [rdp] });
  const ran: Array<{ script: ScriptId; args: unknown; options: RunOptions }> = [];
  const recording = {
    description: sim.windows.description,
    run: (script: ScriptId, args: never, options: RunOptions) => {
      ran.push({ script, args, options });
      return sim.windows.run(script, args, options);
    },
  };
  const ports = { ...sim.ports, windows: recording };
  try {
    const scan = () =>
      createHandlers(ports).runScan({ target: { host: '127.0.0.1', port: rdp.port }, audience: 'home' }, { emit: () => undefined });
    await scan(); // warm: the session is started once, as the app's is
    const scanMs: number[] = [];
    for (let i = 0; i < SCANS; i++) {
      ran.length = 0;
      const started = performance.now();
      await scan();
      scanMs.push(performance.now() - started);
    }
    const warm = median(scanMs);

    // The same scripts, each in a fresh PowerShell process that loads the same fake machine.
    const dir = await mkdtemp(join(tmpdir(), 'rdpd-bench-'));
    const machine = join(dir, 'machine.json');
    const root = join(dir, 'C');
    await mkdir(root);
    await writeFile(machine, JSON.stringify(fakeMachineOf(scenarioState(SCENARIO), { name: 'SRV-APP01', targetPort: rdp.port })));
    let perProcessMs = 0;
    for (const { script, args } of ran) {
      const line = `Import-Module -Name ${psLiteral(FAKE_MODULE)}; Use-FakeMachine -Path ${psLiteral(machine)} -Root ${psLiteral(root)}; Set-FakeElevation -Elevated $true; ${invocationLine(join(SCRIPTS_DIR, scripts[script].file), args)}`;
      const started = performance.now();
      await run(executable, ['-NoProfile', '-NonInteractive', '-Command', line], { env: { ...process.env, TERM: 'dumb' } });
      perProcessMs += performance.now() - started;
    }
    // The per-process total leaves the network probe out, which only flatters it.
    const ratio = perProcessMs / warm;
    console.log(`scenario ${SCENARIO}: ${ran.length} check scripts`);
    console.log(`one warm session:      full scan ${Math.round(warm)} ms (network probe + every check; median of ${SCANS})`);
    console.log(
      `process per script:    ${Math.round(perProcessMs)} ms for the scripts alone (${Math.round(perProcessMs / ran.length)} ms each)`,
    );
    console.log(`ratio:                 ${ratio.toFixed(1)}x faster in one session`);
    const met = warm <= 3000 && ratio >= 5;
    console.log(`goals (scan <= 3000 ms, >= 5x): ${met ? 'met' : 'NOT met'}`);
    process.exitCode = met ? 0 : 1;
  } finally {
    await disposeSimulatedComputers();
    rdp.close();
  }
}

void main();
