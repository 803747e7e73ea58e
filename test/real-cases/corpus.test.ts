import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerContext } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { scenarioComputers } from '../../electron/main/simulated/scenarios';
import { startSimulatedListener } from '../../electron/main/simulated/listener/index';
import { scanVerdict } from '../../shared/diagnosis/verdict';
import { causesOf } from '../../shared/diagnosis/causes';
import type { Results } from '../../shared/diagnosis/rule-kit';
import { makeCertificates } from '../harness/certs';
import { startFakeServer } from '../harness/fake-rdp-server';
import { startOtherComputer } from '../harness/other-computer';
import { scenarios as xrdpConfigs, startXrdp } from '../harness/xrdp';
import { startShadow } from '../harness/freerdp-shadow';
import { networkWithHosts } from '../support/hosts';
import type { NonWindowsPeer, RealCase } from './real-case';
import { realCases } from './cases';

/*
 * Public reports of 0x904/0x7 and its cousins, each run as a user would meet it: this PC (the
 * Windows 11 laptop) scans "office-pc", another computer whose wire comes from its own state
 * (startSimulatedListener) or, for a non-Windows peer, a real xrdp or a web proxy; helpdesk is
 * connected to office-pc over (simulated) remoting, so the server's checks run there. The first
 * finding is compared with the cause each report resolved.
 *
 * Every case must come out right: a miss fails the test, with what the product said instead.
 * REAL_CASES_STRICT=0 only records misses (to measure a model under change). A case that cannot
 * run at all always fails.
 */
const STRICT = process.env.REAL_CASES_STRICT !== '0';
const SERVER = 'office-pc';
const ctx: HandlerContext = { emit: () => undefined };

interface Outcome {
  id: string;
  right: boolean;
  expected: string;
  got: string;
}
const outcomes: Outcome[] = [];

/** The peer that answers on the wire, as another computer at a non-loopback address. */
async function startPeer(peer: NonWindowsPeer | undefined, server: Parameters<typeof startSimulatedListener>[0]) {
  if (!peer) return startSimulatedListener(server, { name: SERVER });
  if (peer.kind === 'http-proxy') {
    const proxy = await startFakeServer('http');
    const other = await startOtherComputer(SERVER, { upstream: proxy.port }).catch(async (err: unknown) => {
      await proxy.close();
      throw err;
    });
    return { host: other.address, port: other.port, close: async () => (await other.close(), await proxy.close()) };
  }
  if (peer.kind === 'freerdp-shadow') {
    const shadow = await startShadow();
    const other = await startOtherComputer(SERVER, { upstream: shadow.port }).catch(async (err: unknown) => {
      await shadow.stop();
      throw err;
    });
    return { host: other.address, port: other.port, close: async () => (await other.close(), await shadow.stop()) };
  }
  const certs = await makeCertificates(`DNS:${SERVER}`);
  const xrdp = await startXrdp(xrdpConfigs[peer.config], certs);
  const other = await startOtherComputer(SERVER, { upstream: xrdp.port }).catch(async (err: unknown) => {
    await xrdp.stop();
    await certs.cleanup();
    throw err;
  });
  return {
    host: other.address,
    port: other.port,
    close: async () => {
      await other.close();
      await xrdp.stop();
      await certs.cleanup();
    },
  };
}

function describeExpected(c: RealCase): string {
  if ('cannotCheck' in c.expected) return `says it cannot check: ${c.expected.cannotCheck}`;
  if ('causes' in c.expected) return `both ${c.expected.causes.join(' and ')}${c.expected.fix ? ` (fix ${c.expected.fix})` : ''}`;
  return c.expected.fix ? `${c.expected.firstFinding} (fix ${c.expected.fix})` : c.expected.firstFinding;
}

async function runCase(c: RealCase): Promise<Outcome> {
  // The server's state as the case describes it: the listener serves the wire from it.
  const server = scenarioComputers('healthy').server;
  c.server?.(server);
  const listener = await startPeer(c.serverIsNot, server);
  try {
    const sim = createSimulatedPorts(
      'healthy',
      { network: networkWithHosts({ [SERVER]: [listener.host] }) },
      { runsOn: 'client', targetPort: listener.port, editThisPc: c.client, editServer: c.server },
    );
    const handlers = createHandlers(sim.ports);
    const typed = c.typed === 'address' ? listener.host : SERVER;
    if (!c.serverIsNot) {
      const connected = await handlers.connectRemote({ host: typed, username: 'CORP\\helpdesk', password: 'not-a-secret' }, ctx);
      expect(connected.connected, `remoting to ${typed}`).toBe(true);
    }
    const scan = await handlers.runScan(
      {
        target: { host: typed, port: listener.port },
        audience: 'helpdesk',
        ...(c.networkType ? { networkType: c.networkType } : {}),
        ...(c.reportedError ? { reportedError: c.reportedError } : {}),
      },
      ctx,
    );
    // The case ran as written: the server's checks ran on office-pc (or, for a non-Windows peer,
    // nowhere), and no script met something the simulated Windows does not model. A check that
    // could not read something on the written machine (a key file only SYSTEM may read) is the
    // product's answer, part of the outcome.
    expect(scan.server.kind).toBe(c.serverIsNot ? 'not-checked' : 'remoting');
    const simulationGaps = scan.results.filter(
      (r) => r.status === 'error' && /FakeWindows|not modell?ed|PowerShell process/i.test(r.summary),
    );
    expect(simulationGaps.map((r) => `${r.checkId}: ${r.summary}`)).toEqual([]);

    if (process.env.CORPUS_DEBUG)
      console.log(
        c.id,
        scan.results
          .filter((r) => r.status !== 'pass')
          .map((r) => `${r.checkId} ${r.status}: ${r.summary.slice(0, 300)}`)
          .join('|'),
        'FINDINGS',
        scan.findings.map((f) => `${f.id} ${f.likelihood} ${f.score} [${f.fixIds}] ${f.title}`).join('|'),
      );
    const top = scan.findings[0];
    const got = top ? `${top.id} (${top.likelihood}${top.fixIds.length ? `, fix ${top.fixIds.join(', ')}` : ''})` : 'no finding';
    if ('cannotCheck' in c.expected) {
      // Not guessing: no cause named ("Found the cause"). With nothing found, the findings page
      // says what RDP Doctor cannot check (NextSteps, shared/diagnosis/cannot-check.ts).
      const verdict = scanVerdict(scan.results, scan.findings);
      return {
        id: c.id,
        right: verdict.kind !== 'cause-found',
        expected: describeExpected(c),
        got: `${verdict.kind}, ${got}`,
      };
    }
    const fix = c.expected.fix;
    const fixOffered = fix === undefined || (top?.fixIds.includes(fix) ?? false);
    if ('causes' in c.expected) {
      const results: Results = Object.fromEntries(scan.results.map((r) => [r.checkId, r]));
      const [a, b] = c.expected.causes;
      const other = top?.id === a ? b : top?.id === b ? a : null;
      const otherFound = other !== null && (scan.findings.some((f) => f.id === other) || causesOf(other, results).includes(top!.id));
      return { id: c.id, right: otherFound && fixOffered, expected: describeExpected(c), got };
    }
    const right = top?.id === c.expected.firstFinding && fixOffered;
    return { id: c.id, right, expected: describeExpected(c), got };
  } finally {
    await listener.close();
  }
}

describe('real cases: public reports of 0x904/0x7, the first finding against the cause they resolved', () => {
  it('every case is written in full: a unique id, a source, a situation, a finding the product can name', () => {
    const ids = realCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(realCases.length).toBeGreaterThanOrEqual(30);
    const vocabulary = productVocabulary();
    for (const c of realCases) {
      expect(c.source.url, c.id).toMatch(/^https:\/\//);
      expect(c.source.title.length, c.id).toBeGreaterThan(5);
      expect(c.source.date, c.id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(c.situation.length, c.id).toBeGreaterThan(40);
      const named = 'firstFinding' in c.expected ? [c.expected.firstFinding] : 'causes' in c.expected ? c.expected.causes : [];
      for (const id of named) expect(vocabulary.has(id), `${c.id}: ${id}`).toBe(true);
    }
  });

  // Two computers' first PowerShell sessions start in the first case: give it room on a busy machine.
  it.each(realCases.map((c) => [c.id, c] as const))(
    '%s',
    async (_id, c) => {
      const outcome = await runCase(c);
      outcomes.push(outcome);
      if (STRICT) expect(outcome.got, `expected ${outcome.expected}`).toBe(outcome.right ? outcome.got : outcome.expected);
    },
    90_000,
  );

  afterAll(() => {
    const right = outcomes.filter((o) => o.right).length;
    const misses = outcomes.filter((o) => !o.right).map((o) => `  ${o.id}: expected ${o.expected}; got ${o.got}`);
    console.log([`real cases: ${right}/${outcomes.length} first finding right`, ...misses].join('\n'));
  });
});

/** Every finding id the product's diagnosis can name (its sources' `id: '…'`), so a typo in a case is caught. */
function productVocabulary(): Set<string> {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        // `id: 'x'`, and the ids a ternary picks (`id: a ? 'x' : 'y'`).
        for (const line of readFileSync(path, 'utf8').matchAll(/\bid: ([^,\n]+)/g))
          for (const m of line[1]!.matchAll(/'([a-z0-9-]+)'/g)) ids.add(m[1]!);
    }
  };
  for (const dir of ['shared/diagnosis', 'shared/checks']) walk(join(__dirname, '../..', dir));
  return ids;
}
