import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetPayload } from '../../electron/cli/check-command';
import { main, type CliIo } from '../../electron/cli/rdp-doctor';
import { nodeReportFiles } from '../../electron/cli/report-files';
import { diagnoseServer } from '../../electron/main/fleet/check-fleet';
import { INTUNE_CAUSES, intunePairs } from '../../electron/main/fleet/intune-export';
import { outcomeOf } from '../../electron/main/fleet/remoting';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import { sharedPool } from '../../electron/main/simulated/computer-pool';
import { scenarioComputers } from '../../electron/main/simulated/scenarios';
import { SCRIPTS_DIR } from './servers';

/**
 * The Intune Remediations export, run for real: each exported detection and remediation script
 * under pwsh against a fake Windows Server, as the Intune Management Extension runs them there
 * (no arguments, as SYSTEM: an administrator), judged by their exit codes and their one line.
 */

// Warm sessions from the shared pool, recycled after each test (test/support/simulated-computers.ts).
const pool = sharedPool();
// pwsh on a shared, busy machine: a scenario is several whole runs of the exported scripts.
const SLOW = 240_000;

const texts = loadScriptTexts(SCRIPTS_DIR);

async function writeScripts(reportShare?: string) {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-intune-'));
  const paths: Record<string, { detect: string; remediate: string }> = {};
  for (const pair of intunePairs(texts, reportShare ? { reportShare } : {})) {
    paths[pair.fixId] = { detect: join(dir, pair.detection.fileName), remediate: join(dir, pair.remediation.fileName) };
    await writeFile(paths[pair.fixId]!.detect, pair.detection.content);
    await writeFile(paths[pair.fixId]!.remediate, pair.remediation.content);
  }
  const payload = join(dir, 'payload.ps1');
  await writeFile(payload, fleetPayload(SCRIPTS_DIR, 3389));
  return { dir, paths, payload };
}

const scripts = writeScripts();

/** The command line on the real file system, its output kept. */
function cli() {
  const out: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: () => true },
    readFile: async () => '',
    files: nodeReportFiles,
  };
  return { io, out };
}

// The scenarios whose causes these fixes repair, the ones they must leave alone (a policy, a
// WebSocket-only rule set, another cause), and a healthy server.
const SCENARIOS = [
  'healthy',
  'firewall-rule-disabled',
  'firewall-websocket-only',
  'rdp-disabled',
  'rdp-disabled-by-policy',
  'termservice-stopped',
  'keyiso-disabled',
  'certificate-expired',
];

describe('the Intune Remediations export under pwsh', () => {
  it.each(SCENARIOS)(
    '%s: each detection exits 1 exactly where the app offers its fix, with one line',
    async (scenario) => {
      const { paths, payload } = await scripts;
      const computer = pool.take(true);
      const state = scenarioComputers(scenario).server;
      await computer.load(state, 'SRV-07', 3389);
      // What the app itself concludes from the server's checks.
      const report = await computer.runScriptFile(payload, ['', '-'], 'SRV-07');
      const listed = { input: 'srv-07', host: 'srv-07', port: 3389 };
      const outcome = outcomeOf(listed, { computer: 'srv-07', ok: true, output: report.output, ms: 0 });
      expect(outcome.ok).toBe(true);
      const offered = new Set(
        diagnoseServer(listed, outcome, null)
          .findings.filter((f) => !f.contradicted)
          .flatMap((f) => f.fixIds),
      );
      for (const cause of INTUNE_CAUSES) {
        const run = await computer.runScriptFile(paths[cause.fixId]!.detect, [], 'SRV-07');
        expect([cause.fixId, run.exitCode]).toEqual([cause.fixId, offered.has(cause.fixId) ? 1 : 0]);
        const lines = run.output.trim().split(/\r?\n/);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          offered.has(cause.fixId) ? `RDP Doctor on SRV-07: ${cause.line}` : /none of the causes this remediation fixes is there/,
        );
      }
    },
    SLOW,
  );

  it(
    'remediation backs up, fixes and verifies; detection is then clean; -Undo from the same backups puts it back',
    async () => {
      const { paths } = await scripts;
      const store = await mkdtemp(join(tmpdir(), 'rdpd-intune-store-'));
      const env = { RDP_DOCTOR_TEST_ADMIN_STORE: store };
      const computer = pool.take(true);
      await computer.load(scenarioComputers('firewall-rule-disabled').server, 'SRV-07', 3389);
      const { detect, remediate } = paths['enable-firewall-rdp']!;
      expect((await computer.runScriptFile(detect, [], 'SRV-07', env)).exitCode).toBe(1);
      const before = await computer.snapshot();

      const fixed = await computer.runScriptFile(remediate, [], 'SRV-07', env);
      expect(fixed.exitCode).toBe(0);
      expect(fixed.output).toContain('Backup saved in');
      expect(fixed.output).toContain('Applied and checked again');
      const runs = await readdir(join(store, 'backups'));
      expect(runs).toHaveLength(1);
      const manifest = JSON.parse((await readFile(join(store, 'backups', runs[0]!, 'manifest.json'), 'utf8')).replace(/^\uFEFF/, '')) as {
        fixes: Array<{ id: string; state: string }>;
      };
      expect(manifest.fixes).toEqual([expect.objectContaining({ id: 'enable-firewall-rdp', state: 'applied' })]);
      expect((await computer.runScriptFile(detect, [], 'SRV-07', env)).exitCode).toBe(0);

      // Intune runs the remediation again only after a detection exits 1; run twice, it changes nothing more.
      // The same backups: the fix script's -Undo (the remediation file itself) restores the machine whole.
      const undone = await computer.runScriptFile(remediate, ['-Undo'], 'SRV-07', env);
      expect(undone.exitCode).toBe(0);
      expect(await computer.snapshot()).toEqual(before);
      expect((await computer.runScriptFile(detect, [], 'SRV-07', env)).exitCode).toBe(1);
    },
    SLOW,
  );

  it(
    'with a report share, every detection run saves the server report there, and reports DIR reads the folder',
    async () => {
      const share = await mkdtemp(join(tmpdir(), 'rdpd-share-'));
      const { paths } = await writeScripts(share);
      const computer = pool.take(true);
      for (const [name, scenario] of [
        ['SRV-21', 'rdp-disabled'],
        ['SRV-22', 'healthy'],
      ] as const) {
        await computer.load(scenarioComputers(scenario).server, name, 3389);
        const run = await computer.runScriptFile(paths['enable-rdp']!.detect, [], name);
        expect(run.exitCode).toBe(scenario === 'healthy' ? 0 : 1);
        // Intune shows the last line: the detection's, after the report's own progress lines.
        expect(run.output.trim().split(/\r?\n/).at(-1)).toMatch(new RegExp(`^RDP Doctor on ${name}: `));
      }
      expect((await readdir(share)).sort()).toEqual(['rdp-doctor-report-SRV-21.json', 'rdp-doctor-report-SRV-22.json']);
      const { io, out } = cli();
      expect(await main(['reports', share, '--csv'], io)).toBe(2);
      const rows = out.join('').trim().split('\n').slice(1);
      expect(rows.map((r) => r.split(',').slice(0, 3))).toEqual([
        ['SRV-21', 'SRV-21', 'cause-found'],
        ['SRV-22', 'SRV-22', 'no-problem'],
      ]);
    },
    SLOW,
  );

  it('check --export-intune writes the pairs as new files and names them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdpd-export-'));
    const { io, out } = cli();
    expect(await main(['check', '--export-intune', dir], io)).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(INTUNE_CAUSES.flatMap((c) => [`detect-${c.fixId}.ps1`, `remediate-${c.fixId}.ps1`]).sort());
    expect(out.join('')).toContain(`${INTUNE_CAUSES.length} Remediations pairs in ${dir}`);
    // Run again into the same folder: nothing is overwritten.
    expect(await main(['check', '--export-intune', dir], io)).toBe(70);
  });
});
