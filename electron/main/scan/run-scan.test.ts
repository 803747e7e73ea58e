import { describe, expect, it } from 'vitest';
import { checks } from '../../../shared/catalog/checks';
import type { ScriptId } from '../../../shared/catalog/scripts';
import type { CheckResult } from '../../../shared/results';
import type { RunOptions, WindowsPort } from '../ports';
import { portsFor } from '../simulated/simulated-ports';
import { runScan } from './run-scan';

/*
 * A scan's order of work: this computer's checks run while the probe waits on the network, and
 * the server's run beside them when the server is another computer (its own remoting session),
 * after them when the server is this computer (one PowerShell). The answer lists the checks in
 * the catalog's order either way.
 */
class TimedWindows implements WindowsPort {
  readonly description = 'timed';
  readonly spans: Array<{ script: ScriptId; start: number; end: number }> = [];
  async run(script: ScriptId, _args: unknown, _options: RunOptions): Promise<unknown> {
    const start = performance.now();
    await new Promise((r) => setTimeout(r, 15));
    this.spans.push({ script, start, end: performance.now() });
    throw new Error('not modelled here: only the timing is');
  }
}

/** A probe that waits 120 ms on the network and gives up; `gaveUpAt` says when. */
const slowProbe = {
  gaveUpAt: 0,
  probe: () =>
    new Promise<never>((_, reject) =>
      setTimeout(() => {
        slowProbe.gaveUpAt = performance.now();
        reject(new Error('offline'));
      }, 120),
    ),
};
const scan = (ports: ReturnType<typeof portsFor>['ports'], host: string) =>
  runScan(
    ports,
    { target: { host, port: 3389 }, audience: 'helpdesk' },
    { scanId: 's', signal: new AbortController().signal, onProgress: () => undefined },
  );
const inCatalogOrder = (results: CheckResult[]) => expect(results.map((r) => r.checkId)).toEqual(checks.map((c) => c.id));
const overlap = (a: { start: number; end: number }[], b: { start: number; end: number }[]) =>
  a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));

describe('the order of a scan', () => {
  it('runs the server checks over remoting beside this computer’s, and this computer’s while the probe runs', async () => {
    const laptop = new TimedWindows();
    const office = new TimedWindows();
    const { ports } = portsFor(laptop, office, { network: slowProbe });
    expect((await ports.remote!.connect({ host: 'office-pc', username: 'CORP\\helpdesk', password: 'x' })).connected).toBe(true);
    const result = await scan(ports, 'office-pc');
    inCatalogOrder(result.results);
    expect(result.server.kind).toBe('remoting');
    const clientSpans = laptop.spans;
    const serverSpans = office.spans;
    expect(clientSpans.length).toBe(checks.filter((c) => c.source.kind === 'script' && c.source.side === 'client').length);
    expect(serverSpans.length).toBe(checks.filter((c) => c.source.kind === 'script' && c.source.side === 'server').length);
    // This computer's first check was done before the probe gave up.
    expect(clientSpans[0]!.end).toBeLessThan(slowProbe.gaveUpAt);
    expect(overlap(clientSpans, serverSpans)).toBe(true);
  });

  it('runs the server checks after this computer’s when this computer is the server (one PowerShell)', async () => {
    const server = new TimedWindows();
    const { ports } = portsFor(server, null, { network: slowProbe });
    const result = await scan(ports, '127.0.0.1');
    inCatalogOrder(result.results);
    expect(result.server.kind).toBe('this-computer');
    const sides = new Map(
      checks.flatMap((c) => (c.source.kind === 'script' ? [[c.source.script as ScriptId, c.source.side] as const] : [])),
    );
    const client = server.spans.filter((s) => sides.get(s.script) === 'client');
    const serverSide = server.spans.filter((s) => sides.get(s.script) === 'server');
    expect(overlap(client, serverSide)).toBe(false);
    expect(Math.max(...client.map((s) => s.end))).toBeLessThanOrEqual(Math.min(...serverSide.map((s) => s.start)));
  });
});
