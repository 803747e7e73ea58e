import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackAddress, type ServerAddress } from './simulated/listener';
import { seenThumbprints, type ProbeReport } from '../../shared/probe-facts';
import { createHandlers } from './handlers';
import { createSimulatedPorts } from './simulated/simulated-ports';
import { recycleSimulatedComputers } from './simulated/computer-pool';

/*
 * The remembered-certificate trap end to end: the real probe against the healthy server's listener with the
 * certificate its store holds, the simulated client's CertHash for that name, the real handler table.
 */
let server: ServerAddress;
beforeAll(async () => {
  server = await loopbackAddress();
});
afterAll(() => server.close());

// One server scanned twice: the same moment for both, or the simulation would set its computers'
// clocks (and with them its certificate's validity, so its thumbprint) to each scan's own start.
const sameServerClock = { now: () => new Date('2026-12-01T09:00:00.000Z') };

async function scan(pinned: string | null) {
  const { ports } = createSimulatedPorts(
    'healthy',
    { clock: sameServerClock },
    {
      targetPort: server.port,
      listeners: [server],
      editThisPc: (state) => {
        state.client.rdpServers['127.0.0.1'] = { certHash: pinned, usernameHint: 'alex' };
      },
    },
  );
  const result = await createHandlers(ports).runScan(
    { target: { host: '127.0.0.1', port: server.port }, audience: 'home' },
    { emit: () => {} },
  );
  // The scan is over: its PowerShell session may hold the next scan's computer (a start is slow).
  recycleSimulatedComputers();
  const report = result.results.find((r) => r.checkId === 'rdp-handshake')?.facts as ProbeReport;
  return { result, seen: seenThumbprints(report) };
}

describe('a certificate remembered for the server', () => {
  it('differs from the one the server shows: a finding naming both thumbprints', async () => {
    const { result, seen } = await scan('0123456789ABCDEF0123456789ABCDEF01234567');
    expect(seen).toHaveLength(1);
    const f = result.findings.find((x) => x.id === 'pinned-certificate-changed');
    expect(f?.technical).toContain('0123456789ABCDEF0123456789ABCDEF01234567');
    expect(f?.technical).toContain(seen[0]);
    expect(result.results.find((r) => r.checkId === 'client-pinned-certificate')?.summary).toMatch(
      /remembers the certificate you accepted for 127\.0\.0\.1/,
    );
  });

  it('is the one the server shows, or none is remembered: no finding', async () => {
    const first = await scan(null);
    expect(first.result.findings.map((f) => f.id)).not.toContain('pinned-certificate-changed');
    const again = await scan(first.seen[0]!);
    expect(again.result.findings.map((f) => f.id)).not.toContain('pinned-certificate-changed');
  });
});
